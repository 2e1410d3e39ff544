/** Lint a set of paths: discover, read, lint each file, collect ESLint-shaped results in path order. */
import { relative, resolve } from 'node:path';
import type { CandidateLinter } from './candidate-linter.js';
import type { CrossFileResolver } from '../engine/resolver.js';
import { discoverFiles, MissingPathError, SpecialFileError } from '../engine/discover.js';
import { readLintable } from './read-lintable.js';
import type { LintResult } from './types.js';
import type { RuleLevel, SuppressedMessage } from '../rules/types.js';
import type { FileLint } from './candidate-linter.js';
import { filesByPattern, mergeFiles } from './patterns.js';
import type { LintTextOptions, LintTextResult } from './lint-text.js';
import { UsageError } from './errors.js';

export { MAX_FILE_BYTES, readLintable } from './read-lintable.js';
import { OrderedResults, type ResultSink } from './result-order.js';
import { outcomeResults, readAndLintFiles, type FileOutcome } from './read-and-lint.js';


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

/** The files to lint for paths, directories and globs (a missing path is a usage error). */
export function listFiles(paths: readonly string[], options: LintRunOptions): string[] {
  try {
    return mergeFiles(filesByPattern(paths.length ? paths : ['.'], { cwd: options.cwd, ignorePatterns: options.ignorePatterns, onSkip: options.onSkip }));
  } catch (err) {
    if (err instanceof MissingPathError || err instanceof SpecialFileError) throw new UsageError(err.message);
    throw err;
  }
}

/** A file named on the command line that cannot be linted ends the run (exit 2), as ESLint does for a missing one. */
export function checkNamedFiles(paths: readonly string[], files: readonly string[], cwd: string): void {
  const listed = new Set(files);
  for (const p of paths) {
    const abs = resolve(cwd, p);
    if (!listed.has(abs)) continue;
    const read = readLintable(abs);
    if ('skipped' in read) throw new UsageError(`Cannot lint ${relative(cwd, abs) || p}: ${read.skipped}`);
  }
}

/** One file's lint, guarded: whatever goes wrong inside becomes a fatal message for that file alone. */
export async function lintOneFile(text: string, file: string, lintText: LintTextFn, options: LintTextOptions): Promise<FileLint> {
  try {
    const result = lintText(text, file, options);
    if (!result.stackOverflow) return result;
    // Deeper than this thread's stack: once more on a thread with a bigger one.
    const { lintOnDeepStack } = await import('./deep-stack-lint.js');
    return await lintOnDeepStack({ file, text, ruleLevels: options.ruleLevels ? { ...options.ruleLevels } : undefined, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
  } catch (err) {
    const why = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    return { messages: [{ ruleId: null, fatal: true, severity: 2, message: `Analysis failed: ${why}`, line: 1, column: 1 }], suppressedMessages: [] };
  }
}

type LintTextFn = (text: string, filePath: string, options: LintTextOptions) => LintTextResult;

export async function runLint(paths: readonly string[], options: LintRunOptions): Promise<LintResult[]> {
  const files = listFiles(paths, options);
  checkNamedFiles(paths, files, options.cwd);
  return lintFiles(files, options);
}

/** Lint text that names no file on disk (`--stdin`); `filePath` decides how it is parsed and where imports resolve from. */
export async function lintSource(text: string, filePath: string, options: Pick<LintRunOptions, 'ruleLevels' | 'reportUnusedDisableDirectives'>): Promise<LintResult> {
  const { lintText } = await import('./lint-text.js');
  const { createCrossFileResolver } = await import('../engine/resolver.js');
  const r = await lintOneFile(text, filePath, lintText, { ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, resolver: createCrossFileResolver() });
  return toResult(filePath, r.messages, r.suppressedMessages, text);
}

/** Every file's result, in the order given (clean files too, as ESLint's `LintResult[]`). */
export async function lintFiles(files: readonly string[], options: LintRunOptions): Promise<LintResult[]> {
  const results: LintResult[] = [];
  await lintFilesTo(files, options, { result: (r) => results.push(r), clean: (file) => results.push(toResult(file, [])) }, files.length);
  return results;
}

/** At most this many candidates in flight to the candidate thread: past it, the walk waits (texts in flight are memory). */
const MAX_PENDING = 64;

/**
 * Lint files as they come (a list, or a walk still going on) and hand each
 * result to `sink` in the order of `files`. `total` (when known) feeds the
 * progress callback. Nothing is kept per clean file once it is handed on.
 */
export async function lintFilesTo(files: Iterable<string>, options: LintRunOptions, sink: ResultSink, total?: number, candidates?: CandidateLinter): Promise<void> {
  const concurrency = options.concurrency ?? 1;
  if (concurrency > 1 && options.parallel === 'always') {
    await candidates?.close();
    const list = Array.isArray(files) ? (files as readonly string[]) : [...files];
    return lintListInPool(list, options, concurrency, sink);
  }
  // Started as early as the caller could (before the walk), so Babel loads while the tree is read.
  const linter = candidates ?? (await import('./candidate-linter.js')).startCandidateLinter(options.ruleLevels, options.reportUnusedDisableDirectives);
  try {
    await lintInOrder(files, options, linter, sink, total);
  } finally {
    await linter?.close();
  }
}

async function lintListInPool(files: readonly string[], options: LintRunOptions, concurrency: number, sink: ResultSink): Promise<void> {
  const { lintInPool } = await import('./lint-pool.js');
  const { outcomeResults } = await import('./read-and-lint.js');
  const outcomes = await lintInPool(files, { concurrency, ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, onBatch: (d) => options.onProgress?.(d, files.length) });
  for (const r of outcomeResults(outcomes, options.onSkip)) {
    if (typeof r === 'string') sink.clean(r);
    else sink.result(r);
  }
}

/**
 * Files per batch the candidate thread reads itself, and how many batches it
 * may hold at once. Sharing is by demand, not by a size threshold: the thread
 * gets a batch only while fewer than this many are waiting for it, so on a
 * small tree (where it is busy loading Babel and linting) the main thread
 * reads nearly everything, and on a large one the two split the reading.
 */
const BATCH_FILES = 256;
const MAX_BATCHES_IN_FLIGHT = 2;

async function lintInOrder(files: Iterable<string>, options: LintRunOptions, candidates: CandidateLinter | undefined, sink: ResultSink, total: number | undefined): Promise<void> {
  let resolver: CrossFileResolver | undefined;
  // In this thread, the parser and rules load only once a file passes the prefilter and the candidate thread is gone.
  let lintText: LintTextFn | undefined;
  const directives = (options.reportUnusedDisableDirectives ?? 'off') !== 'off';
  const lintHere = async (file: string, text: string): Promise<LintResult> => {
    lintText ??= (await import('./lint-text.js')).lintText;
    resolver ??= (await import('../engine/resolver.js')).createCrossFileResolver();
    const r = await lintOneFile(text, file, lintText, { ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, resolver });
    return toResult(file, r.messages, r.suppressedMessages, text);
  };
  /** A batch the thread could not take (it is gone): read and lint here, in order. */
  const readHere = async (batch: readonly string[]): Promise<FileOutcome[]> => {
    lintText ??= (await import('./lint-text.js')).lintText;
    resolver ??= (await import('../engine/resolver.js')).createCrossFileResolver();
    return readAndLintFiles(batch, { lintText, resolver, ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
  };
  const order = new OrderedResults(sink);
  let batch: string[] | undefined;
  let inFlight = 0;
  let candidatesWaiting = 0;
  const sendBatch = (files: string[]): void => {
    inFlight++;
    order.laterBatch(
      candidates!.lintBatch(files).then(async (outcomes) => {
        inFlight--;
        return outcomeResults(outcomes ?? (await readHere(files)), options.onSkip);
      }),
    );
  };
  let done = 0;
  for (const file of files) {
    done++;
    if (total !== undefined) options.onProgress?.(done, total);
    // The thread's replies arrive as events: let them in now and then, or it would never get a second batch.
    if (candidates && done % 64 === 0) await new Promise(setImmediate);
    // Only a thread with no candidate of ours waiting takes reading off this one: linting is what it is for.
    if (candidates && (batch || (inFlight < MAX_BATCHES_IN_FLIGHT && candidatesWaiting === 0))) {
      (batch ??= []).push(file);
      if (batch.length === BATCH_FILES) {
        sendBatch(batch);
        batch = undefined;
      }
      continue;
    }
    const read = readLintable(file, directives);
    if ('skipped' in read) {
      options.onSkip?.(file, read.skipped);
      if (read.warning) order.result(toResult(file, [read.warning]));
      continue;
    }
    if (!read.text) {
      order.clean(file);
      continue;
    }
    const text = read.text;
    if (!candidates) {
      order.result(await lintHere(file, text));
      continue;
    }
    candidatesWaiting++;
    order.later(
      candidates.lint(file, text).then((m) => {
        candidatesWaiting--;
        return m ? toResult(file, m.messages, m.suppressedMessages, text) : lintHere(file, text);
      }),
    );
    if (order.pending >= MAX_PENDING) await order.oldest();
  }
  if (batch) sendBatch(batch);
  await order.finish();
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
