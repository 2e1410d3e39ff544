/** ESLint's stylish format: grouped by file, aligned columns, a summary line. Colour only when asked (a TTY). */
import pc from 'picocolors';
import type { Formatter } from './types.js';

export const stylish: Formatter = (results, ctx) => {
  const c = pc.createColors(ctx.color);
  let errors = 0;
  let warnings = 0;
  let fatal = 0;
  const out: string[] = [];
  for (const r of results) {
    if (r.messages.length === 0) continue;
    errors += r.errorCount;
    warnings += r.warningCount;
    fatal += r.fatalErrorCount;
    out.push('', c.underline(r.filePath));
    const rows = r.messages.map((m) => [`${m.line}:${m.column}`, m.severity === 2 ? 'error' : 'warning', m.message, m.ruleId ?? '']);
    const w0 = Math.max(...rows.map((x) => x[0]!.length));
    const w1 = Math.max(...rows.map((x) => x[1]!.length));
    for (const [pos, sev, msg, rule] of rows) {
      const sevText = sev === 'error' ? c.red(sev.padEnd(w1)) : c.yellow(sev!.padEnd(w1));
      out.push(`  ${c.dim(pos!.padStart(w0))}  ${sevText}  ${msg}  ${c.dim(rule!)}`.trimEnd());
    }
  }
  const total = errors + warnings;
  if (total === 0) return '';
  const summary = `✖ ${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`;
  out.push('', (errors > 0 ? c.red : c.yellow)(c.bold(summary)));
  if (fatal > 0) out.push(c.red(`  ${fatal} file${fatal === 1 ? '' : 's'} could not be parsed and ${fatal === 1 ? 'was' : 'were'} left untouched`));
  return `${out.join('\n')}\n`;
};
