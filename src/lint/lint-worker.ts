/** A pool worker's job: read and lint a batch of files (the pool sends batches, not files: messages are cheap, round trips are not). */
import type { RuleLevel } from '../rules/types.js';
import { createCrossFileResolver } from '../engine/resolver.js';
import { lintText } from './lint-text.js';
import { readAndLintFiles, type FileOutcome } from './read-and-lint.js';

export interface LintBatch {
  files: string[];
  ruleLevels?: Record<string, RuleLevel>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export type LintBatchResult = FileOutcome[];

const resolver = createCrossFileResolver();

export default function lintBatch(batch: LintBatch): Promise<LintBatchResult> {
  return readAndLintFiles(batch.files, { lintText, resolver, ruleLevels: batch.ruleLevels, reportUnusedDisableDirectives: batch.reportUnusedDisableDirectives });
}
