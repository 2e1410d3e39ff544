/**
 * A small pool of image workers (worker_threads), created on first use, one
 * per core up to 4 (NOVITA_SHIM_IMAGE_THREADS overrides; 0 or 1 keeps
 * everything on the calling thread). Images travel as views on shared memory,
 * so handing rows to a worker copies nothing. Idle workers are unref'd and
 * never keep the process alive; a worker that fails is dropped and the pool
 * is rebuilt on the next call.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { workerSource, type WorkerTask } from './worker-source.js';

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
}

interface PoolWorker {
  worker: Worker;
  busy: number;
}

export interface ImagePool {
  readonly size: number;
  run<T>(task: WorkerTask): Promise<T>;
}

const MAX_THREADS = 4;

export function imageThreadCount(): number {
  const env = process.env.NOVITA_SHIM_IMAGE_THREADS;
  const wanted = env !== undefined && env !== '' ? Number(env) : availableParallelism();
  return Number.isFinite(wanted) ? Math.max(0, Math.min(MAX_THREADS, Math.floor(wanted))) : 0;
}

let pool: { workers: PoolWorker[]; pending: Map<number, Pending>; api: ImagePool } | undefined;
let nextId = 1;

function dropPool(err: Error): void {
  const current = pool;
  pool = undefined;
  if (!current) return;
  for (const p of current.pending.values()) p.reject(err);
  for (const w of current.workers) void w.worker.terminate();
}

function createPool(size: number): NonNullable<typeof pool> {
  const source = workerSource();
  const pending = new Map<number, Pending>();
  const workers: PoolWorker[] = [];
  for (let i = 0; i < size; i++) {
    const entry: PoolWorker = { worker: new Worker(source, { eval: true }), busy: 0 };
    entry.worker.unref();
    entry.worker.on('message', (msg: { id: number; result?: unknown; error?: string }) => {
      const p = pending.get(msg.id);
      pending.delete(msg.id);
      // A worker with nothing to do must not hold the process open.
      if (--entry.busy === 0) entry.worker.unref();
      if (!p) return;
      if (msg.error !== undefined) p.reject(new Error(`image worker: ${msg.error}`));
      else p.resolve(msg.result);
    });
    entry.worker.on('error', (err) => dropPool(err));
    entry.worker.on('exit', (code) => {
      if (pool?.workers.includes(entry)) dropPool(new Error(`image worker exited (${code})`));
    });
    workers.push(entry);
  }
  const api: ImagePool = {
    size,
    run<T>(task: WorkerTask): Promise<T> {
      const entry = workers.reduce((a, b) => (b.busy < a.busy ? b : a));
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        if (entry.busy++ === 0) entry.worker.ref();
        entry.worker.postMessage({ id, task });
      });
    },
  };
  return { workers, pending, api };
}

/** The shared pool, or undefined when work should stay on this thread. */
export function imagePool(): ImagePool | undefined {
  const size = imageThreadCount();
  if (size < 2) return undefined;
  if (!pool || pool.api.size !== size) {
    if (pool) dropPool(new Error('image pool resized'));
    pool = createPool(size);
  }
  return pool.api;
}

/** Below this many pixels a worker round trip costs more than it saves. */
const PARALLEL_MIN_PIXELS = 256 * 256;

/** The pool for work on an image of this many pixels, or undefined to stay on this thread. */
export function imagePoolFor(pixels: number): ImagePool | undefined {
  return pixels >= PARALLEL_MIN_PIXELS ? imagePool() : undefined;
}

/** Splits [0, total) into `parts` nearly equal ranges. */
export function splitRows(total: number, parts: number): Array<[number, number]> {
  const n = Math.max(1, Math.min(parts, total));
  return Array.from({ length: n }, (_, i) => [Math.floor((total * i) / n), Math.floor((total * (i + 1)) / n)]);
}
