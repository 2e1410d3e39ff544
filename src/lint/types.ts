/** One file's lint result, ESLint's shape: what the tree run yields and every formatter reads. */
import type { LintMessage, SuppressedMessage } from '../rules/types.js';

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
