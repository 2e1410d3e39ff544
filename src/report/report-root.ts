/**
 * Where reported paths start, shared by the SARIF and github formats so the two always agree:
 * the repository root in GitHub Actions (`GITHUB_WORKSPACE`, when the run is inside it: a step may run
 * in a subdirectory, and both annotations and code scanning want paths from the checkout root),
 * else the working directory, as ESLint's formatters use it.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

export function reportRoot(cwd: string): string {
  const root = resolve(cwd);
  const workspace = process.env.GITHUB_WORKSPACE;
  if (!workspace) return root;
  const ws = resolve(workspace);
  return isInside(root, ws) ? ws : root;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** A file's path for a report: `/`-separated and relative to the root, or absolute (`outside`) when the file is not under it. */
export function reportedPath(file: string, root: string): { path: string; outside: boolean } {
  // `<text>` (stdin without --stdin-filename) is not a path.
  if (!isAbsolute(file)) return { path: file, outside: false };
  if (!isInside(file, root)) return { path: file.split(sep).join('/'), outside: true };
  return { path: relative(root, file).split(sep).join('/'), outside: false };
}

/** The root as a directory URL (ends in `/`), for SARIF's `originalUriBaseIds`. */
export function rootUri(root: string): string {
  return pathToFileURL(root).href.replace(/\/?$/, '/');
}
