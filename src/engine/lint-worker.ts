/** A worker thread's job: read and lint a batch of files (the pool sends batches, not files: messages are cheap, round trips are not). */
import { readLintable } from '../cli/lint-run.js';
import type { LintMessage, RuleLevel } from '../report/types.js';
import { createCrossFileResolver } from './resolver.js';
import { lintText } from '../rules/lint-text.js';

export interface LintBatch {
  files: string[];
  ruleLevels?: Record<string, RuleLevel>;
}

export type LintBatchResult = ({ file: string; messages: LintMessage[] } | { file: string; skipped: string })[];

const resolver = createCrossFileResolver();

export default function lintBatch(batch: LintBatch): LintBatchResult {
  return batch.files.map((file) => {
    const read = readLintable(file);
    if ('skipped' in read) return { file, skipped: read.skipped };
    return { file, messages: read.text ? lintText(read.text, file, { ruleLevels: batch.ruleLevels, resolver }).messages : [] };
  });
}
