/** Lint a set of paths: discover, read, lint each file, collect ESLint-shaped results in path order. */
import { readFileSync, statSync } from 'node:fs';
import { createCrossFileResolver } from '../engine/resolver.js';
import { discoverFiles, MissingPathError } from '../engine/discover.js';
import { mayContainV2Call } from '../engine/prefilter.js';
import type { LintResult, RuleLevel } from '../report/types.js';
import { lintText } from '../rules/lint-text.js';
import { UsageError } from './errors.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LintRunOptions {
  cwd: string;
  ignorePatterns?: readonly string[];
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  onSkip?: (path: string, reason: string) => void;
  onProgress?: (done: number, total: number) => void;
}

function isBinary(buf: Buffer): boolean {
  const n = Math.min(buf.length, 8000);
  for (let i = 0; i < n; i++) if (buf[i] === 0) return true;
  return false;
}

export function listFiles(paths: readonly string[], options: LintRunOptions): string[] {
  try {
    return discoverFiles(paths.length ? paths : ['.'], { cwd: options.cwd, ignorePatterns: options.ignorePatterns, onSkip: options.onSkip });
  } catch (err) {
    if (err instanceof MissingPathError) throw new UsageError(err.message);
    throw err;
  }
}

/** Read a file for linting, or say why it is skipped. */
export function readLintable(file: string): { text: string } | { skipped: string } {
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return { skipped: 'unreadable' };
  }
  if (size > MAX_FILE_BYTES) return { skipped: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    return { skipped: 'unreadable' };
  }
  if (isBinary(buf)) return { skipped: 'binary' };
  // Most files stop here, before any decoding or parsing.
  if (!mayContainV2Call(buf)) return { text: '' };
  let text = buf.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { text };
}

export function runLint(paths: readonly string[], options: LintRunOptions): LintResult[] {
  const files = listFiles(paths, options);
  const resolver = createCrossFileResolver();
  const results: LintResult[] = [];
  files.forEach((file, i) => {
    const read = readLintable(file);
    options.onProgress?.(i + 1, files.length);
    if ('skipped' in read) {
      options.onSkip?.(file, read.skipped);
      return;
    }
    const { messages } = read.text ? lintText(read.text, file, { ruleLevels: options.ruleLevels, resolver }) : { messages: [] };
    results.push(toResult(file, messages));
  });
  return results;
}

export function toResult(filePath: string, messages: LintResult['messages']): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return { filePath, messages, errorCount, warningCount, fatalErrorCount };
}
