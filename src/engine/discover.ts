/**
 * File discovery, ESLint-style: directories are walked, `.gitignore` files
 * (nested ones too) and `--ignore-pattern`s respected, `node_modules`,
 * `dist`, `build`, `coverage` and dot-directories skipped while walking.
 *
 * Symlinks: a link to a regular file is linted; a link to a directory is
 * followed only when its target stays inside the paths given (like ripgrep,
 * a link to `/` never walks the filesystem), and never twice (loops end by
 * real path). FIFOs, sockets and devices are never opened.
 */
import { readdirSync, readFileSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { createRequire } from 'node:module';
import { relative, resolve, sep } from 'node:path';
import type { Ignore } from 'ignore';

/** `ignore` loads on the first `.gitignore` or `--ignore-pattern`: many trees have neither. */
let ignoreFactory: (() => Ignore) | undefined;
function ignore(): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)('ignore') as () => Ignore;
  return ignoreFactory();
}

export const DEFAULT_SKIPPED_DIRS = ['node_modules', 'dist', 'build', 'coverage'];
/** Under a path the user named inside `node_modules`, a package's built code is what there is to lint. */
const BUILD_OUTPUT_DIRS = ['dist', 'build', 'coverage'];

export interface DiscoverOptions {
  cwd: string;
  ignorePatterns?: readonly string[];
  /** Notes about skipped paths (printed under --debug). */
  onSkip?: (path: string, reason: string) => void;
}

export class MissingPathError extends Error {}
/** A path named on the command line that is not a file or directory (FIFO, socket, device). */
export class SpecialFileError extends Error {}

interface GitignoreScope {
  /** The directory, with a trailing separator. */
  prefix: string;
  matcher: Ignore;
}

function scopeOf(dir: string, text: string): GitignoreScope {
  return { prefix: dir.endsWith(sep) ? dir : dir + sep, matcher: ignore().add(text) };
}

function loadGitignore(dir: string): GitignoreScope | undefined {
  try {
    return scopeOf(dir, readFileSync(dir + sep + '.gitignore', 'utf8'));
  } catch {
    return undefined;
  }
}

const toPosix = sep === '/' ? (p: string): string => p : (p: string): string => p.split(sep).join('/');

function isInside(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** `dir`, `file`, or the kind of special file (for the skip note), from a Stats or a Dirent. */
function kindOf(s: Stats | Dirent): string {
  if (s.isDirectory()) return 'dir';
  if (s.isFile()) return 'file';
  if (s.isFIFO()) return 'FIFO';
  if (s.isSocket()) return 'socket';
  if (s.isCharacterDevice() || s.isBlockDevice()) return 'device';
  return 'special file';
}

export function discoverFiles(paths: readonly string[], options: DiscoverOptions): string[] {
  const cwd = resolve(options.cwd);
  const patterns = options.ignorePatterns ?? [];
  const userIgnore = patterns.length ? ignore().add([...patterns]) : undefined;
  const skip = options.onSkip ?? (() => {});
  const found = new Set<string>();
  /** Real paths of the directories walked: a directory reached twice (loop, or two links) is walked once. */
  const visitedDirs = new Set<string>();
  const cwdPrefix = cwd.endsWith(sep) ? cwd : cwd + sep;

  const ignoredByUser = (abs: string, isDir: boolean): boolean => {
    if (!userIgnore || !abs.startsWith(cwdPrefix)) return false;
    const rel = toPosix(abs.slice(cwdPrefix.length));
    return rel !== '' && userIgnore.ignores(isDir ? `${rel}/` : rel);
  };
  const ignoredByGit = (abs: string, isDir: boolean, scopes: readonly GitignoreScope[]): boolean => {
    for (const s of scopes) {
      if (!abs.startsWith(s.prefix)) continue;
      const rel = toPosix(abs.slice(s.prefix.length));
      if (rel !== '' && s.matcher.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    return false;
  };

  // Real paths of the directories given: followed symlinks must stay inside one of them.
  const roots: string[] = [];

  const walk = (dir: string, realDir: string, scopes: GitignoreScope[], skippedDirs: readonly string[]): void => {
    if (visitedDirs.has(realDir)) {
      skip(dir, 'directory already visited (symlink loop or second link)');
      return;
    }
    visitedDirs.add(realDir);
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      skip(dir, 'unreadable directory');
      return;
    }
    // The `.gitignore` is read only when the listing shows one.
    let here = scopes;
    if (entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const own = loadGitignore(dir);
      if (own) here = [...scopes, own];
    }
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    const realPrefix = realDir.endsWith(sep) ? realDir : realDir + sep;
    for (const entry of entries) {
      const name = entry.name;
      const abs = prefix + name;
      let realChild = realPrefix + name;
      let kind: string;
      if (entry.isSymbolicLink()) {
        try {
          kind = kindOf(statSync(abs));
          if (kind === 'dir') realChild = realpathSync(abs);
        } catch {
          skip(abs, 'broken symlink');
          continue;
        }
        if (kind === 'dir' && !roots.some((r) => isInside(realChild, r))) {
          skip(abs, `symlink to a directory outside the linted paths (${realChild}); not followed`);
          continue;
        }
        if (kind === 'dir' && isInside(realDir, realChild)) {
          skip(abs, 'symlink loop (points to an enclosing directory)');
          continue;
        }
      } else {
        kind = kindOf(entry);
      }
      if (kind !== 'dir' && kind !== 'file') {
        skip(abs, `${kind}: not read`);
        continue;
      }
      const isDir = kind === 'dir';
      if (isDir && (name.charCodeAt(0) === 46 /* . */ || skippedDirs.includes(name))) continue;
      if (ignoredByUser(abs, isDir) || (here.length > 0 && ignoredByGit(abs, isDir, here))) continue;
      if (isDir) walk(abs, realChild, here, skippedDirs);
      else found.add(abs);
    }
  };

  const named: { abs: string; real: string; stats: Stats; given: string }[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let stats: Stats;
    let real: string;
    try {
      stats = statSync(abs);
      real = realpathSync(abs);
    } catch {
      throw new MissingPathError(`No such file or directory: ${p}`);
    }
    const kind = kindOf(stats);
    if (kind !== 'dir' && kind !== 'file') throw new SpecialFileError(`Not a regular file or directory: ${p} (${kind})`);
    named.push({ abs, real, stats, given: p });
    if (stats.isDirectory()) roots.push(real);
  }
  for (const { abs, real, stats } of named) {
    if (stats.isDirectory()) {
      // Skips apply to what the walk finds, not to what the user named: `lint node_modules/pkg` lints the package, `dist/` included.
      const inNodeModules = abs.split(sep).includes('node_modules');
      const skippedDirs = inNodeModules ? DEFAULT_SKIPPED_DIRS.filter((d) => !BUILD_OUTPUT_DIRS.includes(d)) : DEFAULT_SKIPPED_DIRS;
      let scopes = gitignoresAbove(abs, cwd);
      // A directory named explicitly is linted even when a `.gitignore` above it ignores it (`node_modules/`).
      if (scopes.length && ignoredByGit(abs, true, scopes)) scopes = [];
      walk(abs, real, scopes, skippedDirs);
    } else if (!ignoredByUser(abs, false)) {
      found.add(abs);
    }
  }
  return [...found].sort();
}

/** `.gitignore` files between cwd and a directory given on the command line also apply. */
function gitignoresAbove(dir: string, cwd: string): GitignoreScope[] {
  const scopes: GitignoreScope[] = [];
  const rel = relative(cwd, dir);
  if (rel.startsWith('..')) return scopes;
  const parts = rel ? rel.split(sep) : [];
  if (parts.length === 0) return scopes;
  let current = cwd;
  const chain = [current];
  for (const part of parts.slice(0, -1)) chain.push((current = current + sep + part));
  for (const d of chain) {
    const s = loadGitignore(d);
    if (s) scopes.push(s);
  }
  return scopes;
}
