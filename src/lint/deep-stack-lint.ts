/**
 * A second chance for files nested deeper than the main thread's stack (a
 * valid 600-deep call chain, 1500 concatenated strings): Babel's parser and
 * traversal are recursive, so the file is linted again on a worker thread
 * whose stack is big enough. Started only for such files; one thread per file.
 */
import { Worker } from 'node:worker_threads';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../rules/types.js';

/** Enough for a 20,000-deep chain (measured); the memory is reserved, not committed. */
const STACK_SIZE_MB = 256;
const MAX_HEAP_MB = 2048;

export interface DeepStackJob {
  file: string;
  text: string;
  ruleLevels?: Record<string, RuleLevel>;
  reportUnusedDisableDirectives?: 'off' | 'warn' | 'error';
}

export type DeepStackReply = { messages: LintMessage[]; suppressedMessages: SuppressedMessage[] } | { error: string };

export async function lintOnDeepStack(job: DeepStackJob): Promise<{ messages: LintMessage[]; suppressedMessages: SuppressedMessage[] }> {
  const worker = new Worker(new URL('./deep-stack-worker.js', import.meta.url), {
    workerData: job,
    resourceLimits: { stackSizeMb: STACK_SIZE_MB, maxOldGenerationSizeMb: MAX_HEAP_MB },
    stdout: true,
    stderr: true,
  });
  try {
    const reply = await new Promise<DeepStackReply>((resolve) => {
      worker.once('message', (m: DeepStackReply) => resolve(m));
      worker.once('error', (err) => resolve({ error: err.message.split('\n')[0] ?? String(err) }));
      worker.once('exit', (code) => resolve({ error: `worker exited with code ${code}` }));
    });
    if ('messages' in reply) return reply;
    return { messages: [{ ruleId: null, fatal: true, severity: 2, message: `Analysis failed: ${reply.error}`, line: 1, column: 1 }], suppressedMessages: [] };
  } finally {
    await worker.terminate();
  }
}
