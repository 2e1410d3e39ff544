/**
 * Where tasks and result images live. Async and JSON-shaped on purpose: a
 * store shared by several processes (Redis) can implement it later; the
 * in-memory one (memory-task-store.ts) is the default.
 */
import type { V2ProgressStatus } from '../../spec/codes.js';

/** A result image: V3's own URL (nothing changed it locally) or bytes kept by the store. */
export type ResultRef = { kind: 'url'; url: string } | { kind: 'stored'; id: string };

export interface StoredTask {
  id: string;
  status: V2ProgressStatus;
  submitMs: number;
  startMs: number;
  finishMs: number;
  images: ResultRef[];
  failedReason: string;
  /** `img_expire_ttl`: the task and its results are dropped this long after it finishes. */
  ttlSeconds: number;
}

export interface StoredResult {
  data: Buffer;
  contentType: string;
}

export interface TaskStore {
  getTask(id: string): Promise<StoredTask | undefined>;
  putTask(task: StoredTask): Promise<void>;
  /** Merges `patch` into a task (no-op when it is gone). */
  updateTask(id: string, patch: Partial<Omit<StoredTask, 'id'>>): Promise<void>;
  /** True when this store issued the id, even if the task has since expired (it is not passed through to V2). */
  issued(id: string): Promise<boolean>;
  /** Keeps an image for `ttlSeconds`; returns its unguessable id. */
  putResult(data: Buffer, contentType: string, ttlSeconds: number): Promise<string>;
  getResult(id: string): Promise<StoredResult | undefined>;
  close(): Promise<void>;
}
