/** A worker thread's job: read and lint a batch of files (the pool sends batches, not files: messages are cheap, round trips are not). */
import { lintOneFile } from './lint-run.js';
import { readLintable } from './read-lintable.js';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../rules/types.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import { lintText } from './lint-text.js';

export interface LintBatch {
  files: string[];
  ruleLevels?: Record<string, RuleLevel>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export type LintBatchResult = ({ file: string; messages: LintMessage[]; suppressedMessages: SuppressedMessage[]; source?: string } | { file: string; skipped: string; warning?: LintMessage })[];

const resolver = createCrossFileResolver();

/** Never rejects: a file whose analysis fails gets a fatal message, the batch goes on (no stack trace leaks out of the pool). */
export default async function lintBatch(batch: LintBatch): Promise<LintBatchResult> {
  const out: LintBatchResult = [];
  for (const file of batch.files) {
    const read = readLintable(file, (batch.reportUnusedDisableDirectives ?? 'off') !== 'off');
    if ('skipped' in read) out.push({ file, skipped: read.skipped, ...(read.warning ? { warning: read.warning } : {}) });
    else if (!read.text) out.push({ file, messages: [], suppressedMessages: [] });
    else {
      const r = await lintOneFile(read.text, file, lintText, { ruleLevels: batch.ruleLevels, reportUnusedDisableDirectives: batch.reportUnusedDisableDirectives, resolver });
      out.push({ file, ...r, ...(r.messages.length ? { source: read.text } : {}) });
    }
  }
  return out;
}
