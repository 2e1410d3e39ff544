/**
 * Where submitted tasks wait to run. Without one (the default), the V2
 * client runs each task in its own process as soon as it is submitted; with
 * one (`shim serve --store redis://…`), a task is a job any replica may take,
 * and the client only supplies how to run it, so the task logic stays one.
 */
import type { ValidatedV2Request } from '../validate-request.js';

/** What a job carries: enough for any replica to run the task. */
export interface QueuedTask {
  id: string;
  req: ValidatedV2Request;
  /** The caller's own key, when it sent one (V3 is called with it). */
  apiKey?: string;
}

export interface TaskQueueHandlers {
  /** Runs one task to its end; the outcome is recorded in the store. */
  run(task: QueuedTask): Promise<void>;
  /** The queue gave up on a task (it stalled too often, or its runner threw): record it as failed. */
  lost(taskId: string, reason: string): Promise<void>;
}

export interface StoreHealth {
  ok: boolean;
  /** Shown in /healthz, e.g. `{ redis: 'up' }`. Never a password. */
  details: Record<string, string | number>;
}

export interface TaskQueue {
  /** Tasks this process runs at once. */
  readonly concurrency: number;
  /** Throws V2Error (code 5 HostUnavailable) when the queue is over its limit, before a task is created. */
  admit(): Promise<void>;
  enqueue(task: QueuedTask): Promise<void>;
  /** Starts taking jobs (called once, by the V2 client that owns the handlers). */
  start(handlers: TaskQueueHandlers): void;
  health(): Promise<StoreHealth>;
  /** Stops taking jobs: running ones finish (drain) or, after the grace period, go back to the queue. */
  close(): Promise<void>;
}
