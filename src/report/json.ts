/** ESLint's JSON formatter shape. */
import type { Formatter } from './types.js';

export const json: Formatter = (results) =>
  `${JSON.stringify(
    results.map((r) => ({
      filePath: r.filePath,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        severity: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        ...(m.endLine !== undefined ? { endLine: m.endLine, endColumn: m.endColumn } : {}),
        ...(m.fatal ? { fatal: true } : {}),
      })),
      errorCount: r.errorCount,
      warningCount: r.warningCount,
      fatalErrorCount: r.fatalErrorCount,
    })),
  )}\n`;
