/**
 * ESLint's JSON formatter shape, field for field (ESLint 9 `LintResult`): `suppressedMessages`, the fixable
 * counts (always 0: lint messages carry no autofix, `novita-migrate fix` does the rewriting),
 * `usedDeprecatedRules` (none of ours is deprecated), and `source` for a file with messages, as ESLint.
 * Custom formatters (`-f ./formatter.js`) get these objects too.
 */
import type { Formatter } from './types.js';
import type { LintMessage, SuppressedMessage } from '../rules/types.js';
import type { LintResult } from '../lint/types.js';

/** A message as ESLint's JSON has it (suppressed ones carry `suppressions`). */
export type EslintMessage = LintMessage & { suppressions?: SuppressedMessage['suppressions'] };

export interface EslintResult {
  filePath: string;
  messages: EslintMessage[];
  suppressedMessages: EslintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: { ruleId: string; replacedBy: string[] }[];
}

function message(m: LintMessage): EslintMessage {
  return {
    ruleId: m.ruleId,
    severity: m.severity,
    message: m.message,
    line: m.line,
    column: m.column,
    ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
    ...(m.fatal ? { fatal: true as const } : {}),
  };
}

export function toEslintResults(results: readonly LintResult[]): EslintResult[] {
  return results.map((r) => ({
    filePath: r.filePath,
    messages: r.messages.map(message),
    suppressedMessages: (r.suppressedMessages ?? []).map((m) => ({ ...message(m), suppressions: m.suppressions })),
    errorCount: r.errorCount,
    fatalErrorCount: r.fatalErrorCount,
    warningCount: r.warningCount,
    fixableErrorCount: 0,
    fixableWarningCount: 0,
    ...(r.source !== undefined && r.messages.length > 0 ? { source: r.source } : {}),
    usedDeprecatedRules: [],
  }));
}

export const json: Formatter = (results) => `${JSON.stringify(toEslintResults(results))}\n`;
