/**
 * Parallel linting with worker threads (piscina). Files go out in batches;
 * results come back in the order of the file list, whatever the scheduling.
 */
import { availableParallelism } from 'node:os';
import type { RuleLevel } from '../rules/types.js';
import type { LintBatch, LintBatchResult } from './lint-worker.js';

/**
 * Used only for an explicit `--concurrency N` (N > 1). By default one thread
 * walks and reads while the candidate thread analyses: on 2 cores the pool
 * was slower at every size measured (each worker loads the parser; most
 * files never need it).
 */
const BATCH_SIZE = 500;

export function defaultConcurrency(): number {
  return Math.max(1, availableParallelism());
}

export async function lintInPool(
  files: readonly string[],
  options: { concurrency: number; ruleLevels?: Readonly<Record<string, RuleLevel>>; reportUnusedDisableDirectives?: 'off' | 'warn' | 'error'; onBatch?: (done: number) => void },
): Promise<LintBatchResult> {
  // Loaded here, not at the top: the CLI reads defaultConcurrency() on every run, most of them without a pool.
  const { Piscina } = await import('piscina');
  const pool = new Piscina<LintBatch, LintBatchResult>({
    filename: new URL('./lint-worker.js', import.meta.url).href,
    minThreads: options.concurrency,
    maxThreads: options.concurrency,
  });
  try {
    const batches: string[][] = [];
    for (let i = 0; i < files.length; i += BATCH_SIZE) batches.push(files.slice(i, i + BATCH_SIZE));
    let done = 0;
    const results = await Promise.all(
      batches.map(async (batch) => {
        const r = await pool.run({ files: batch, ruleLevels: options.ruleLevels ? { ...options.ruleLevels } : undefined, reportUnusedDisableDirectives: options.reportUnusedDisableDirectives });
        done += batch.length;
        options.onBatch?.(done);
        return r;
      }),
    );
    return results.flat();
  } finally {
    await pool.destroy();
  }
}
