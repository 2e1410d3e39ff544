/**
 * `--stdin --stdin-filename NAME`, as ESLint does it: when NAME matches an
 * ignore pattern, the code is not linted and the result is one warning
 * (exit 0 unless `--max-warnings`). Editors pipe every buffer this way, so
 * a file the project ignores must not show findings there.
 *
 * What counts is what a walk of the working directory would skip by
 * pattern: `ignorePatterns` (config and `--ignore-pattern`, relative to the
 * working directory), `.gitignore` files from the working directory down to
 * NAME's directory, and `node_modules` (ESLint's default ignore). A NAME
 * outside the working directory is never ignored, as in a walk.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import type { Ignore } from 'ignore';
import type { LintResult } from '../lint/types.js';
import { toResult } from '../lint/lint-run.js';

export const IGNORED_BY_PATTERN = 'File ignored because of a matching ignore pattern.';
export const IGNORED_NODE_MODULES = 'File ignored by default because it is located under the node_modules directory.';

const ignore = (): Ignore => (createRequire(import.meta.url)('ignore') as () => Ignore)();

function readGitignore(dir: string): string | undefined {
  try {
    return readFileSync(join(dir, '.gitignore'), 'utf8');
  } catch {
    return undefined;
  }
}

/** Why the stdin file is ignored (the warning's text), or undefined when it is linted. */
export function stdinIgnoreReason(file: string, options: { cwd: string; ignorePatterns: readonly string[] }): string | undefined {
  const rel = relative(options.cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  const parts = rel.split(sep);
  if (parts.slice(0, -1).includes('node_modules')) return IGNORED_NODE_MODULES;
  if (options.ignorePatterns.length && ignore().add([...options.ignorePatterns]).ignores(parts.join('/'))) return IGNORED_BY_PATTERN;
  // Each .gitignore matches paths relative to its own directory; the `ignore` package checks parent directories too.
  for (let i = 0; i < parts.length; i++) {
    const text = readGitignore(join(options.cwd, ...parts.slice(0, i)));
    if (text !== undefined && ignore().add(text).ignores(parts.slice(i).join('/'))) return IGNORED_BY_PATTERN;
  }
  return undefined;
}

/** ESLint's result for an ignored file: one warning, nothing linted (line 1 so every format can place it). */
export function ignoredResult(file: string, reason: string): LintResult {
  return toResult(file, [{ ruleId: null, severity: 1, message: reason, line: 1, column: 1 }]);
}
