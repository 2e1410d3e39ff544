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

export interface FileLint {
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
}

export interface CandidateLinter {
  lint(file: string, text: string): Promise<FileLint | null>;
  close(): Promise<void>;
}

export function startCandidateLinter(ruleLevels: Readonly<Record<string, RuleLevel>> | undefined, reportUnusedDisableDirectives?: 'off' | 'warn' | 'error'): CandidateLinter | undefined {
  let worker: Worker;
  try {
    worker = new Worker(new URL('./candidate-worker.js', import.meta.url), {
      workerData: { ruleLevels: ruleLevels ? { ...ruleLevels } : undefined, reportUnusedDisableDirectives },
      resourceLimits: { stackSizeMb: STACK_SIZE_MB },
    });
  } catch {
    return undefined;
  }
  const pending = new Map<number, (m: FileLint | null) => void>();
  let dead = false;
  const fail = (): void => {
    dead = true;
    for (const resolve of pending.values()) resolve(null);
    pending.clear();
  };
  worker.on('message', (reply: CandidateReply) => {
    pending.get(reply.id)?.({ messages: reply.messages, suppressedMessages: reply.suppressedMessages });
    pending.delete(reply.id);
  });
  worker.on('error', fail);
  worker.on('exit', fail);
  let nextId = 0;
  return {
    lint(file, text) {
      if (dead) return Promise.resolve(null);
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ id, file, text } satisfies CandidateRequest);
      });
    },
    async close() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
