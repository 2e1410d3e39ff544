/**
 * Read and lint a batch of files in one thread: what a pool worker does
 * (`--concurrency N`) and what the candidate thread does with the batches the
 * main thread hands it. One outcome per file, in order; `outcomeResults`
 * turns them into the run's results the same way for both.
 */
import type { CrossFileResolver } from '../engine/resolver.js';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../rules/types.js';
import { lintOneFile, toResult } from './lint-run.js';
import type { LintTextOptions, LintTextResult } from './lint-text.js';
import type { BatchResults } from './result-order.js';
import { readLintable } from './read-lintable.js';

export type FileOutcome =
  | { file: string; messages: LintMessage[]; suppressedMessages: SuppressedMessage[]; source?: string }
  | { file: string; skipped: string; warning?: LintMessage };

export interface ReadAndLintOptions {
  lintText: (text: string, filePath: string, options: LintTextOptions) => LintTextResult;
  resolver: CrossFileResolver;
  ruleLevels?: Readonly<Record<string, RuleLevel>>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

/** Never rejects: a file whose analysis fails gets a fatal message, and the batch goes on. */
export async function readAndLintFiles(files: readonly string[], options: ReadAndLintOptions): Promise<FileOutcome[]> {
  const out: FileOutcome[] = [];
  const directives = (options.reportUnusedDisableDirectives ?? 'off') !== 'off';
  for (const file of files) {
    const read = readLintable(file, directives);
    if ('skipped' in read) out.push({ file, ...read });
    else if (!read.text) out.push({ file, messages: [], suppressedMessages: [] });
    else {
      const r = await lintOneFile(read.text, file, options.lintText, { ruleLevels: options.ruleLevels, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives, resolver: options.resolver });
      out.push({ file, ...r, ...(r.messages.length ? { source: read.text } : {}) });
    }
  }
  return out;
}

/** The results of a batch's outcomes, clean files as their paths; skipped ones are told to `onSkip` (and a warning kept). */
export function outcomeResults(outcomes: readonly FileOutcome[], onSkip?: (file: string, why: string) => void): BatchResults {
  const out: BatchResults = [];
  for (const o of outcomes) {
    if ('skipped' in o) {
      onSkip?.(o.file, o.skipped);
      if (o.warning) out.push(toResult(o.file, [o.warning]));
    } else if (o.messages.length === 0 && o.suppressedMessages.length === 0) out.push(o.file);
    else out.push(toResult(o.file, o.messages, o.suppressedMessages, o.source));
  }
  return out;
}
