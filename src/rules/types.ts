/** What a rule reports, ESLint's shapes: messages, severities, rule metadata. Lint, fix, the plugin and the formatters read them. */

export type Severity = 1 | 2;
export type RuleLevel = 'off' | 'warn' | 'error';

export interface LintMessage {
  /** null for a fatal parse error, as in ESLint. */
  ruleId: string | null;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: true;
}

/** A message a disable comment suppressed (ESLint's `suppressedMessages` entries). */
export interface SuppressedMessage extends LintMessage {
  suppressions: { kind: 'directive'; justification: string }[];
}

/** Rule metadata, ESLint-style: what `rules`, SARIF and the README read. */
export interface RuleMeta {
  id: string;
  defaultSeverity: RuleLevel;
  /** One line. */
  description: string;
  /** Longer help: the V3 replacement. */
  help: string;
  /** README anchor, e.g. `README.md#no-v2-upscale`. */
  docsAnchor: string;
}
