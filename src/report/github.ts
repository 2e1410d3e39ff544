/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
import { reportedPath, reportRoot } from './report-root.js';
import type { Formatter } from './types.js';

/** Escaping of @actions/core: data escapes % CR LF; properties also : and ,. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

export const github: Formatter = (results, ctx) => {
  const lines: string[] = [];
  // Files named from the repository root (GITHUB_WORKSPACE, else cwd), as in the SARIF report.
  const root = reportRoot(ctx.cwd);
  for (const r of results) {
    const file = reportedPath(r.filePath, root).path;
    for (const m of r.messages) {
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`, `endColumn=${m.endColumn}`);
      props.push(`title=${escapeProperty(m.ruleId ?? 'parse-error')}`);
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${props.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
