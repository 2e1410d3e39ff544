/**
 * One `.gitignore` (or the `--ignore-pattern` list) and the directory it
 * applies to. Paths are tested relative to that directory, POSIX-style,
 * directories with a trailing slash.
 *
 * `ignore` caches the answer for every path it is asked about and every
 * parent of it; over a walk of 200,000 files that cache is most of the
 * memory the walk holds. The walk never asks about a path twice and never
 * enters an ignored directory, so the cache buys nothing: the matcher is
 * rebuilt from its text every CACHE_LIMIT questions, which bounds it.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type { Ignore } from 'ignore';

/** `ignore` loads on the first `.gitignore` or `--ignore-pattern`: many trees have neither. */
let ignoreFactory: (() => Ignore) | undefined;
function newIgnore(): Ignore {
  ignoreFactory ??= createRequire(import.meta.url)('ignore') as () => Ignore;
  return ignoreFactory();
}

const CACHE_LIMIT = 20_000;

const toPosix = sep === '/' ? (p: string): string => p : (p: string): string => p.split(sep).join('/');

export class GitignoreScope {
  /** The directory, with a trailing separator. */
  readonly prefix: string;
  private readonly patterns: string | readonly string[];
  private matcher: Ignore;
  private asked = 0;

  constructor(dir: string, patterns: string | readonly string[]) {
    this.prefix = dir.endsWith(sep) ? dir : dir + sep;
    this.patterns = patterns;
    this.matcher = newIgnore().add(typeof patterns === 'string' ? patterns : [...patterns]);
  }

  /** Whether `abs` (under this scope's directory, else never) is ignored. */
  ignores(abs: string, isDir: boolean): boolean {
    if (!abs.startsWith(this.prefix) || abs.length === this.prefix.length) return false;
    if (++this.asked > CACHE_LIMIT) {
      this.asked = 0;
      this.matcher = newIgnore().add(typeof this.patterns === 'string' ? this.patterns : [...this.patterns]);
    }
    const rel = toPosix(abs.slice(this.prefix.length));
    return this.matcher.ignores(isDir ? `${rel}/` : rel);
  }
}
