/** GitHub Actions workflow commands: one `::error`/`::warning` annotation per finding. */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type { Formatter } from './types.js';

/** Escaping of @actions/core: data escapes % CR LF; properties also : and ,. */
export const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
export const escapeProperty = (s: string): string => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Annotations name files from the repository root: GITHUB_WORKSPACE in Actions (a step may run in a
 * subdirectory), else the working directory; a file outside the workspace keeps its cwd-relative path.
 */
function annotationPath(file: string, cwd: string): string {
  const workspace = process.env.GITHUB_WORKSPACE;
  let rel = workspace ? relative(resolve(workspace), file) : '';
  if (!rel || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) rel = relative(cwd, file);
  return rel.split(sep).join('/');
}

export const github: Formatter = (results, ctx) => {
  const lines: string[] = [];
  for (const r of results) {
    const file = annotationPath(r.filePath, ctx.cwd);
    for (const m of r.messages) {
      const props = [`file=${escapeProperty(file)}`, `line=${m.line}`, `col=${m.column}`];
      if (m.endLine !== undefined) props.push(`endLine=${m.endLine}`, `endColumn=${m.endColumn}`);
      props.push(`title=${escapeProperty(m.ruleId ?? 'parse-error')}`);
      lines.push(`::${m.severity === 2 ? 'error' : 'warning'} ${props.join(',')}::${escapeData(m.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
};
