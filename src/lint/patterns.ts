/**
 * The paths on the command line, as ESLint takes them: a file or a directory (walked), or a glob
 * (`"src/**\/*.ts"`, quoted so the shell leaves it alone) matched under its static base directory. Every
 * file still goes through discovery's ignore rules (.gitignore, --ignore-pattern, node_modules, dot-dirs),
 * so a glob never reaches a file a directory walk would skip.
 */
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { DEFAULT_SKIPPED_DIRS, discoverFiles, MissingPathError, sortedUnique, SpecialFileError, type DiscoverOptions } from '../engine/discover.js';
import { UsageError } from './errors.js';

/** Glob syntax (`*`, `?`, `[…]`, `{…}`, extglobs). Checked only for paths that do not exist as written. */
export function isGlob(pattern: string): boolean {
  return /[*?[\]{}]|[!@+](?=\()/.test(pattern);
}

/** tinyglobby loads only when a glob is given: most runs name directories, and start-up time counts. */
function globSync(pattern: string, options: import('tinyglobby').GlobOptions): string[] {
  const { globSync: glob } = createRequire(import.meta.url)('tinyglobby') as typeof import('tinyglobby');
  return glob(pattern, options);
}

export interface PatternFiles {
  pattern: string;
  /** A glob (matched), or a literal path (a file or a directory). */
  kind: 'glob' | 'file' | 'directory';
  files: string[];
}

/** `src/**\/*.ts` -> [`src`, `**\/*.ts`]: the leading segments without glob syntax, and the rest. */
export function splitGlob(pattern: string): [string, string] {
  const segments = pattern.split('/');
  let i = 0;
  while (i < segments.length - 1 && !isGlob(segments[i]!)) i++;
  const base = segments.slice(0, i).join('/');
  return [pattern.startsWith('/') && !base ? '/' : base || '.', segments.slice(i).join('/')];
}

function discover(paths: string[], options: DiscoverOptions): string[] {
  try {
    return discoverFiles(paths, options);
  } catch (err) {
    if (err instanceof MissingPathError || err instanceof SpecialFileError) throw new UsageError(err.message);
    throw err;
  }
}

function matchGlob(pattern: string, options: DiscoverOptions): string[] {
  const [base, rest] = splitGlob(pattern);
  const absBase = resolve(options.cwd, base);
  if (!existsSync(absBase)) return [];
  const matched = new Set(
    globSync(rest, {
      cwd: absBase,
      absolute: true,
      dot: true,
      onlyFiles: true,
      expandDirectories: false,
      ignore: DEFAULT_SKIPPED_DIRS.map((d) => `**/${d}/**`),
    }).map((f) => resolve(f)),
  );
  if (matched.size === 0) return [];
  return discover([base], options).filter((f) => matched.has(f));
}

/** Files for each path or glob, in the order given. A path that does not exist (and is no glob) is a usage error. */
export function filesByPattern(patterns: readonly string[], options: DiscoverOptions): PatternFiles[] {
  return patterns.map((pattern) => {
    let isDir: boolean | undefined;
    try {
      isDir = statSync(resolve(options.cwd, pattern)).isDirectory();
    } catch {
      if (isGlob(pattern)) return { pattern, kind: 'glob', files: matchGlob(pattern, options) };
    }
    return { pattern, kind: isDir ? 'directory' : 'file', files: discover([pattern], options) };
  });
}

/** ESLint's message for a path or glob that yields no file to lint. */
export function unmatchedMessage(p: PatternFiles): string {
  if (p.kind === 'file') return `All files matched by "${p.pattern}" are ignored.`;
  return `No files matching the pattern "${p.pattern}" were found${p.kind === 'directory' ? ' (the directory is empty, or everything in it is ignored)' : ''}.`;
}

/** All files, deduplicated and sorted (the order every format prints). */
export function mergeFiles(groups: readonly PatternFiles[]): string[] {
  return sortedUnique(groups.flatMap((g) => g.files));
}
