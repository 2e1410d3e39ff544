/**
 * `novita-migrate`: the programmatic API. The CLI, the ESLint plugin
 * (`novita-migrate/eslint-plugin`) and the shim (`novita-migrate/shim`) are
 * built on these.
 */
export * from './engine/index.js';
export { RULES, RULE_METAS, type Rule, type RuleContext } from './rules/index.js';
export { lintText, type LintTextOptions, type LintTextResult } from './lint/lint-text.js';
export { runLint, type LintRunOptions } from './lint/lint-run.js';
export { FORMATTERS } from './report/formatters.js';
export type { LintMessage, RuleMeta } from './rules/types.js';
export type { LintResult } from './lint/types.js';
export type { Formatter, FormatterContext } from './report/types.js';
export * as spec from './spec/index.js';
