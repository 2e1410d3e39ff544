/**
 * `novita-migrate`: the programmatic API. The CLI, the ESLint plugin
 * (`novita-migrate/eslint-plugin`) and the shim (`novita-migrate/shim`) are
 * built on these.
 */
export * from './engine/index.js';
export { RULES, RULE_METAS, type Rule, type RuleContext } from './rules/index.js';
export { lintText, type LintTextOptions, type LintTextResult } from './rules/lint-text.js';
export { runLint, type LintRunOptions } from './cli/lint-run.js';
export { FORMATTERS } from './report/formatters.js';
export type { LintMessage, LintResult, RuleMeta, Formatter, FormatterContext } from './report/types.js';
export * as spec from './spec/index.js';
