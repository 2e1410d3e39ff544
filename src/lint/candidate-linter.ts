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
import type { FileOutcome } from './read-and-lint.js';

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

/** The run's rule levels, sent before any file. */
export interface ConfigMessage {
  config: { ruleLevels?: Record<string, RuleLevel>; reportUnusedDisableDirectives?: 'off' | 'warn' | 'error' };
}

/** A run of files for the thread to read, prefilter and lint itself. */
export interface BatchRequest {
  id: number;
  files: string[];
}
export interface BatchReply {
  id: number;
  outcomes: FileOutcome[];
}

export interface FileLint {
  messages: LintMessage[];
  suppressedMessages: SuppressedMessage[];
}

export interface CandidateLinter {
  lint(file: string, text: string): Promise<FileLint | null>;
  /** Read and lint these files on the thread; null when the thread is gone (the caller reads them itself). */
  lintBatch(files: string[]): Promise<FileOutcome[] | null>;
  close(): Promise<void>;
}

function spawnThread(): Worker {
  return new Worker(new URL('./candidate-worker.js', import.meta.url), { resourceLimits: { stackSizeMb: STACK_SIZE_MB, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
}

/** A thread spawned before the command line is parsed (see cli/prestart.ts), waiting to be claimed. */
let early: { worker: Worker; failed: boolean } | undefined;

/**
 * Spawn the candidate thread now, before the rest of the CLI loads: Babel
 * (~0.17 s) then loads while yargs and the config do. Unclaimed, it keeps
 * nothing alive and dies with the process.
 */
export function prestartCandidateThread(): void {
  if (early) return;
  try {
    const slot = { worker: spawnThread(), failed: false };
    slot.worker.on('error', () => (slot.failed = true));
    slot.worker.on('exit', () => (slot.failed = true));
    slot.worker.unref();
    early = slot;
  } catch {
    // The lint run starts its own.
  }
}

export function startCandidateLinter(ruleLevels: Readonly<Record<string, RuleLevel>> | undefined, reportUnusedDisableDirectives?: 'off' | 'warn' | 'error'): CandidateLinter | undefined {
  let worker: Worker;
  const claimed = early;
  early = undefined;
  try {
    if (claimed && !claimed.failed) {
      worker = claimed.worker;
      worker.removeAllListeners();
      worker.ref();
    } else {
      void claimed?.worker.terminate();
      worker = spawnThread();
    }
  } catch {
    return undefined;
  }
  // The first message: what the command line and config decided.
  worker.postMessage({ config: { ruleLevels: ruleLevels ? { ...ruleLevels } : undefined, reportUnusedDisableDirectives } } satisfies ConfigMessage);
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
