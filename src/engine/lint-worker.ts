/** A worker thread's job: read and lint a batch of files (the pool sends batches, not files: messages are cheap, round trips are not). */
import { readLintable } from '../cli/lint-run.js';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../report/types.js';
import { createCrossFileResolver } from './resolver.js';
import { lintText } from '../rules/lint-text.js';

export interface LintBatch {
  files: string[];
  ruleLevels?: Record<string, RuleLevel>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export type LintBatchResult = ({ file: string; messages: LintMessage[]; suppressedMessages: SuppressedMessage[]; source?: string } | { file: string; skipped: string })[];

const resolver = createCrossFileResolver();

export default function lintBatch(batch: LintBatch): LintBatchResult {
  return batch.files.map((file) => {
    const read = readLintable(file);
    if ('skipped' in read) return { file, skipped: read.skipped };
    if (!read.text) return { file, messages: [], suppressedMessages: [] };
    const r = lintText(read.text, file, { ruleLevels: batch.ruleLevels, reportUnusedDisableDirectives: batch.reportUnusedDisableDirectives, resolver });
    return { file, messages: r.messages, suppressedMessages: r.suppressedMessages, ...(r.messages.length ? { source: read.text } : {}) };
  });
}
