/** What a formatter (stylish, json, sarif, github, a custom one) is given. */
import type { LintResult } from '../lint/types.js';
import type { RuleMeta } from '../rules/types.js';

export interface FormatterContext {
  /** The working directory of the run. Reported paths are relative to `reportRoot(cwd)` (see report-root.ts). */
  cwd: string;
  /** Colour output (stylish only; true only on a TTY). */
  color: boolean;
  rules: readonly RuleMeta[];
  version: string;
}

export type Formatter = (results: readonly LintResult[], ctx: FormatterContext) => string;
