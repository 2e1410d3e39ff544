/**
 * File discovery, ESLint-style: directories are walked, `.gitignore` files
 * (nested ones too) and `--ignore-pattern`s respected, `node_modules`,
 * `dist`, `build`, `coverage` and dot-directories skipped; symlinks followed
 * once (loops and broken links skipped with a note).
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const DEFAULT_SKIPPED_DIRS = ['node_modules', 'dist', 'build', 'coverage'];

export interface DiscoverOptions {
  cwd: string;
  ignorePatterns?: readonly string[];
  /** Notes about skipped paths (printed under --debug). */
  onSkip?: (path: string, reason: string) => void;
}

export class MissingPathError extends Error {}

interface GitignoreScope {
  dir: string;
  matcher: Ignore;
}

function loadGitignore(dir: string): GitignoreScope | undefined {
  try {
    const text = readFileSync(join(dir, '.gitignore'), 'utf8');
    return { dir, matcher: ignore().add(text) };
  } catch {
    return undefined;
  }
}

function toPosix(p: string): string {
  return sep === '/' ? p : p.split(sep).join('/');
}

export function discoverFiles(paths: readonly string[], options: DiscoverOptions): string[] {
  const cwd = options.cwd;
  const patterns = options.ignorePatterns ?? [];
  const userIgnore = patterns.length ? ignore().add([...patterns]) : undefined;
  const skip = options.onSkip ?? (() => {});
  const found = new Set<string>();
  const visitedDirs = new Set<string>();

  const ignoredByUser = (abs: string, isDir: boolean): boolean => {
    if (!userIgnore) return false;
    const rel = toPosix(relative(cwd, abs));
    if (!rel || rel.startsWith('..')) return false;
    return userIgnore.ignores(isDir ? `${rel}/` : rel);
  };
  const ignoredByGit = (abs: string, isDir: boolean, scopes: readonly GitignoreScope[]): boolean =>
    scopes.length > 0 &&
    scopes.some((s) => {
      const rel = toPosix(relative(s.dir, abs));
      return rel !== '' && !rel.startsWith('..') && s.matcher.ignores(isDir ? `${rel}/` : rel);
    });

  const walk = (dir: string, scopes: GitignoreScope[]): void => {
    let real: string;
    try {
      real = realpathSync(dir);
    } catch {
      skip(dir, 'unreadable directory');
      return;
    }
    if (visitedDirs.has(real)) {
      skip(dir, 'symlink loop (directory already visited)');
      return;
    }
    visitedDirs.add(real);
    const own = loadGitignore(dir);
    const here = own ? [...scopes, own] : scopes;
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      skip(dir, 'unreadable directory');
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let stats: Stats;
      if (entry.isSymbolicLink()) {
        try {
          stats = statSync(abs);
        } catch {
          skip(abs, 'broken symlink');
          continue;
        }
      } else if (entry.isDirectory() || entry.isFile()) {
        stats = entry as unknown as Stats;
      } else {
        continue;
      }
      const isDir = stats.isDirectory();
      if (isDir && (entry.name.startsWith('.') || DEFAULT_SKIPPED_DIRS.includes(entry.name))) continue;
      if (ignoredByUser(abs, isDir) || ignoredByGit(abs, isDir, here)) continue;
      if (isDir) walk(abs, here);
      else if (stats.isFile()) found.add(abs);
    }
  };

  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stats: Stats;
    try {
      stats = statSync(abs);
    } catch {
      throw new MissingPathError(`No such file or directory: ${p}`);
    }
    if (stats.isDirectory()) walk(abs, gitignoresAbove(abs, cwd));
    else if (!ignoredByUser(abs, false)) found.add(abs);
  }
  return [...found].sort();
}

/** `.gitignore` files between cwd and a directory given on the command line also apply. */
function gitignoresAbove(dir: string, cwd: string): GitignoreScope[] {
  const scopes: GitignoreScope[] = [];
  const rel = relative(cwd, dir);
  if (rel.startsWith('..')) return scopes;
  let current = cwd;
  const parts = rel ? rel.split(sep) : [];
  const chain = [current];
  for (const part of parts.slice(0, -1)) chain.push((current = join(current, part)));
  if (parts.length > 0) {
    for (const d of chain) {
      const s = loadGitignore(d);
      if (s) scopes.push(s);
    }
  }
  return scopes;
}
