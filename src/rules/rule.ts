/** ESLint's rule shape: meta + check. A rule reads the engine's analysis and reports. */
import type { FileAnalysis, SourceSpan, TextMatch } from '../engine/types.js';
import type { RuleMeta } from './types.js';

export interface RuleContext {
  filePath: string;
  /** For JS/TS files. */
  analysis?: FileAnalysis;
  /** For non-JS files scanned as text. */
  textMatches?: TextMatch[];
  report(finding: { span: SourceSpan; message: string }): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

export const docsAnchor = (id: string): string => `README.md#${id}`;
