/**
 * The TaskQueue on BullMQ: a submitted task is a job (id = task id) that the
 * Worker of any replica may take. A replica that dies holding jobs stops
 * renewing their locks; after `lockMs` another replica's stalled-job check
 * puts them back in the queue and runs them again (the task store keeps
 * status 1 meanwhile, so a poll never sees a lost task).
 */
import type { Job, Queue, RedisOptions, Worker } from 'bullmq';
import { V2_CODES } from '../../../spec/codes.js';
import { V2Error } from '../../backend.js';
import type { QueuedTask, StoreHealth, TaskQueue, TaskQueueHandlers } from '../../runtime/task-queue.js';

export type BullMQModule = typeof import('bullmq');

export interface BullTaskQueueOptions {
  connection: RedisOptions;
  /** BullMQ key prefix (its keys are <prefix>:<queue>:…). */
  prefix: string;
  concurrency: number;
  /** Waiting jobs (all replicas) above which a submit answers code 5. */
  maxQueued: number;
  /** A job's lock: a dead replica's jobs run again after about this long. */
  lockMs: number;
  /** How long shutdown waits for running jobs before handing them back. */
  drainMs: number;
  log: (line: string) => void;
}

const QUEUE_NAME = 'v2-upscale';
/** A job whose replica died this many times is failed (status 3) instead of run again. */
const MAX_STALLED = 3;

export class BullTaskQueue implements TaskQueue {
  readonly concurrency: number;
  private readonly queue: Queue<QueuedTask>;
  private worker: Worker<QueuedTask> | undefined;
  private lastError = '';

  constructor(
    private readonly bull: BullMQModule,
    private readonly options: BullTaskQueueOptions,
  ) {
    this.concurrency = options.concurrency;
    // The producer fails fast while Redis is away (code 5) instead of queueing commands in memory.
    this.queue = new bull.Queue<QueuedTask>(QUEUE_NAME, {
      connection: { ...options.connection, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      prefix: options.prefix,
    });
    this.queue.on('error', (err) => this.report(err));
  }

  waitUntilReady(): Promise<void> {
    return this.queue.waitUntilReady();
  }

  async admit(): Promise<void> {
    let waiting: number;
    try {
      waiting = await this.queue.getWaitingCount();
    } catch (err) {
      throw unavailable(err);
    }
    if (waiting >= this.options.maxQueued) {
      throw new V2Error(V2_CODES.HostUnavailable, `the shim is busy: ${waiting} tasks are waiting (limit ${this.options.maxQueued}); retry later`);
    }
  }

  async enqueue(task: QueuedTask): Promise<void> {
    try {
      // The task's state lives in the task store; the job itself is dropped when it ends.
      await this.queue.add('upscale', task, { jobId: task.id, removeOnComplete: true, removeOnFail: true, attempts: 1 });
    } catch (err) {
      throw unavailable(err);
    }
  }

  start(handlers: TaskQueueHandlers): void {
    if (this.worker) throw new Error('the task queue is already started');
    const { connection, prefix, concurrency, lockMs } = this.options;
    this.worker = new this.bull.Worker<QueuedTask>(QUEUE_NAME, (job: Job<QueuedTask>) => handlers.run(job.data), {
      // Workers block on Redis and must retry forever: they resume by themselves when Redis returns.
      connection: { ...connection, maxRetriesPerRequest: null },
      prefix,
      concurrency,
      lockDuration: lockMs,
      stalledInterval: lockMs,
      maxStalledCount: MAX_STALLED,
    });
    this.worker.on('error', (err) => this.report(err));
    this.worker.on('stalled', (jobId) => this.options.log(`task ${jobId} stalled (its replica stopped); it runs again`));
    this.worker.on('failed', (job, err) => {
      if (job?.id) handlers.lost(job.id, err.message).catch(() => undefined);
    });
  }

  async health(): Promise<StoreHealth> {
    try {
      const [waiting, active] = await Promise.all([this.queue.getWaitingCount(), this.queue.getActiveCount()]);
      return { ok: true, details: { queue: 'up', waiting, active, maxQueued: this.options.maxQueued } };
    } catch (err) {
      return { ok: false, details: { queue: 'down', error: err instanceof Error ? err.message : String(err) } };
    }
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) {
      let timer: NodeJS.Timeout | undefined;
      const drained = await Promise.race([
        worker.close().then(() => true),
        new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), this.options.drainMs))),
      ]);
      clearTimeout(timer);
      // Jobs still running keep their locks until they expire; then another replica runs them.
      if (!drained) {
        this.options.log(`shutdown: tasks still running after ${this.options.drainMs} ms are handed back to the queue`);
        await worker.disconnect().catch(() => undefined);
      }
    }
    await Promise.race([this.queue.close(), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
    await this.queue.disconnect().catch(() => undefined);
  }

  /** One line per distinct error, not one per reconnect attempt. */
  private report(err: Error): void {
    if (err.message === this.lastError) return;
    this.lastError = err.message;
    this.options.log(`redis: ${err.message}`);
  }
}

function unavailable(err: unknown): V2Error {
  if (err instanceof V2Error) return err;
  return new V2Error(V2_CODES.HostUnavailable, `the task queue (Redis) is unavailable: ${err instanceof Error ? err.message : String(err)}`);
}
