/**
 * Candidates (files past the prefilter) are parsed and analysed on a worker
 * thread started at launch: it loads Babel while the main thread walks and
 * reads the tree, then lints each candidate as it arrives, so the two
 * overlap instead of adding up. Its stack is big enough for valid files
 * nested thousands deep. If the thread cannot start or dies, the caller
 * lints in its own thread (`lint` answers null).
 */
import { Worker } from 'node:worker_threads';
import type { LintMessage, RuleLevel, SuppressedMessage } from '../rules/types.js';

const STACK_SIZE_MB = 256;
/**
 * A small young generation: the thread's garbage is per file (ASTs, paths),
 * and V8's default (up to 16 MB semi-spaces) let peak RSS reach ~220 MB at
 * 200,000 files; at 4 MB it stays ~150 MB, and the bench times did not move.
 */
const YOUNG_GENERATION_MB = 4;

export interface CandidateRequest {
  id: number;
  file: string;
  text: string;
}
export interface CandidateReply {
  id: number;
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
}

/** A run of files for the thread to read, prefilter and lint itself. */
export interface BatchRequest {
  id: number;
  files: string[];
}
/** Per file: null when clean, why it was skipped, or its lint (with the text, which results with messages carry). */
export type BatchOutcome = null | { skipped: string; warning?: LintMessage } | (FileLint & { source: string });
export interface BatchReply {
  id: number;
  outcomes: BatchOutcome[];
}

export interface FileLint {
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
}

export interface CandidateLinter {
  lint(file: string, text: string): Promise<FileLint | null>;
  /** Read and lint these files on the thread; null when the thread is gone (the caller reads them itself). */
  lintBatch(files: string[]): Promise<BatchOutcome[] | null>;
  close(): Promise<void>;
}

export function startCandidateLinter(ruleLevels: Readonly<Record<string, RuleLevel>> | undefined, reportUnusedDisableDirectives?: 'off' | 'warn' | 'error'): CandidateLinter | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./candidate-worker.js', import.meta.url), {
      workerData: { ruleLevels: ruleLevels ? { ...ruleLevels } : undefined, reportUnusedDisableDirectives },
      resourceLimits: { stackSizeMb: STACK_SIZE_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
  } catch {
    return undefined;
  }
  const pending = new Map<number, (m: CandidateReply | BatchReply | null) => void>();
  let dead = false;
  const fail = (): void => {
    dead = true;
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  };
  worker.on('message', (reply: CandidateReply | BatchReply) => {
    pending.get(reply.id)?.(reply);
    pending.delete(reply.id);
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  let nextId = 0;
  const ask = (message: CandidateRequest | BatchRequest): Promise<CandidateReply | BatchReply | null> =>
    dead
      ? Promise.resolve(null)
      : new Promise((resolve) => {
          pending.set(message.id, resolve);
          worker.postMessage(message);
        });
  return {
    async lint(file, text) {
      const reply = (await ask({ id: nextId++, file, text })) as CandidateReply | null;
      return reply && { messages: reply.messages, suppressedMessages: reply.suppressedMessages };
    },
    async lintBatch(files) {
      const reply = (await ask({ id: nextId++, files })) as BatchReply | null;
      return reply?.outcomes ?? null;
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
