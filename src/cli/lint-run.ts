/** Lint a set of paths: discover, read, lint each file, collect ESLint-shaped results in path order. */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { CrossFileResolver } from '../engine/resolver.js';
import { mayContainV2Call } from '../engine/prefilter.js';
import type { LintResult, RuleLevel, SuppressedMessage } from '../report/types.js';
import type { LintTextOptions, LintTextResult } from '../rules/lint-text.js';
import { filesByPattern, mergeFiles } from './patterns.js';

export const MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface LintRunOptions {
  cwd: string;
  ignorePatterns?: readonly string[];
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  onSkip?: (path: string, reason: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** Worker threads (1: never). */
  concurrency?: number;
  /** `auto`: only for trees big enough to gain from it; `always`: whenever concurrency > 1. */
  parallel?: 'auto' | 'always';
  /** Report `novita-migrate-disable…` comments that suppress nothing (default `off`). */
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

/** A NUL byte in the first 8000 bytes, as git decides. */
function isBinary(buf: Buffer): boolean {
  return buf.subarray(0, 8000).indexOf(0) !== -1;
}

/** The files to lint for paths, directories and globs (a missing path is a usage error). */
export function listFiles(paths: readonly string[], options: LintRunOptions): string[] {
  return mergeFiles(filesByPattern(paths.length ? paths : ['.'], { cwd: options.cwd, ignorePatterns: options.ignorePatterns, onSkip: options.onSkip }));
}

/**
 * One buffer, reused for every file: reading 20,000 files into fresh
 * buffers costs more in garbage collection than in I/O.
 */
let shared = Buffer.allocUnsafe(256 * 1024);

/** Read a file for linting, or say why it is skipped. `text` is '' when the prefilter rules the file out. */
export function readLintable(file: string): { text: string } | { skipped: string } {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return { skipped: 'unreadable' };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return { skipped: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MB` };
    if (size > shared.length) shared = Buffer.allocUnsafe(Math.max(size, shared.length * 2));
    let length = 0;
    while (length < size) {
      const n = readSync(fd, shared, length, size - length, length);
      if (n === 0) break;
      length += n;
    }
    const buf = shared.subarray(0, length);
    // Most files stop here, before any decoding or parsing.
    if (!mayContainV2Call(buf)) return isBinary(buf) ? { skipped: 'binary' } : { text: '' };
    if (isBinary(buf)) return { skipped: 'binary' };
    let text = buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return { text };
  } catch {
    return { skipped: 'unreadable' };
  } finally {
    closeSync(fd);
  }
}

type LintTextFn = (text: string, filePath: string, options: LintTextOptions) => LintTextResult;

export async function runLint(paths: readonly string[], options: LintRunOptions): Promise<LintResult[]> {
  return lintFiles(listFiles(paths, options), options);
}

/** Lint text that names no file on disk (`--stdin`); `filePath` decides how it is parsed and where imports resolve from. */
export async function lintSource(text: string, filePath: string, options: Pick<LintRunOptions, 'ruleLevels' | 'reportUnusedDisableDirectives'>): Promise<LintResult> {
  const { lintText } = await import('../rules/lint-text.js');
  const { createCrossFileResolver } = await import('../engine/resolver.js');
  const r = lintText(text, filePath, { ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, resolver: createCrossFileResolver() });
  return toResult(filePath, r.messages, r.suppressedMessages, text);
}

export async function lintFiles(files: readonly string[], options: LintRunOptions): Promise<LintResult[]> {
  const concurrency = options.concurrency ?? 1;
  if (concurrency > 1 && (options.parallel === 'always' || files.length >= (await import('../engine/lint-pool.js')).PARALLEL_THRESHOLD)) {
    const { lintInPool } = await import('../engine/lint-pool.js');
    const batch = await lintInPool(files, { concurrency, ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, onBatch: (d) => options.onProgress?.(d, files.length) });
    const results: LintResult[] = [];
    for (const r of batch) {
      if ('skipped' in r) options.onSkip?.(r.file, r.skipped);
      else results.push(toResult(r.file, r.messages, r.suppressedMessages, r.source));
    }
    return results;
  }
  let resolver: CrossFileResolver | undefined;
  const results: LintResult[] = [];
  // The parser and rules load only once a file passes the prefilter: most trees never need them.
  let lintText: LintTextFn | undefined;
  for (let i = 0; i < files.length; i++) {
    const file = files[i]!;
    const read = readLintable(file);
    options.onProgress?.(i + 1, files.length);
    if ('skipped' in read) {
      options.onSkip?.(file, read.skipped);
      continue;
    }
    if (!read.text) {
      results.push(toResult(file, []));
      continue;
    }
    lintText ??= (await import('../rules/lint-text.js')).lintText;
    resolver ??= (await import('../engine/resolver.js')).createCrossFileResolver();
    const r = lintText(read.text, file, { ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, resolver });
    results.push(toResult(file, r.messages, r.suppressedMessages, read.text));
  }
  return results;
}

/** ESLint's result for one file; `source` is kept only when there are messages (as ESLint's JSON has it). */
export function toResult(filePath: string, messages: LintResult['messages'], suppressedMessages: SuppressedMessage[] = [], source?: string): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return { filePath, messages, errorCount, warningCount, fatalErrorCount, suppressedMessages, ...(source !== undefined && messages.length > 0 ? { source } : {}) };
}
