/** ESLint's result shapes, which every formatter (stylish, json, sarif, github) reads. */

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

export interface LintResult {
  /** Absolute path. */
  filePath: string;
  messages: LintMessage[];
  errorCount: number;
  warningCount: number;
  fatalErrorCount: number;
  /** Messages that disable comments suppressed (absent: none). */
  suppressedMessages?: SuppressedMessage[];
  /** The file's text, kept only for results with messages (ESLint's `source`). */
  source?: string;
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

export interface FormatterContext {
  /** The working directory of the run. Reported paths are relative to `reportRoot(cwd)` (see report-root.ts). */
  cwd: string;
  /** Colour output (stylish only; true only on a TTY). */
  color: boolean;
  rules: readonly RuleMeta[];
  version: string;
}

export type Formatter = (results: readonly LintResult[], ctx: FormatterContext) => string;
