/**
 * `shim serve --store`: memory (default, one process) or redis://host:port/db
 * (replicas share tasks). Its flags, and opening the store; Redis code loads
 * only when a Redis URL is given.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../../lint/errors.js';
import type { StoreHealth, TaskQueue } from '../../shim/runtime/task-queue.js';
import type { TaskStore } from '../../shim/runtime/task-store.js';

export interface ShimStoreArgs {
  store?: string;
  concurrency: number;
  'max-queued': number;
  'job-lock-ms': number;
  'drain-ms': number;
}

export const STORE_DEFAULTS = {
  concurrency: 4,
  /** Waiting tasks across all replicas; ~1000 small tasks drain in a minute or two on a few replicas. */
  maxQueued: 1000,
  /** BullMQ's own default lock. */
  jobLockMs: 30_000,
  /** Under Kubernetes' default 30 s grace period. */
  drainMs: 25_000,
} as const;

export function withStoreOptions<T>(y: Argv<T>): Argv<T> {
  return y
    .option('store', { type: 'string', describe: 'memory (default), or redis://host:port/db to share tasks between replicas (default: $NOVITA_MIGRATE_STORE)' })
    .option('concurrency', { type: 'number', default: STORE_DEFAULTS.concurrency, describe: 'With --store redis: tasks this replica runs at once' })
    .option('max-queued', { type: 'number', default: STORE_DEFAULTS.maxQueued, describe: 'With --store redis: waiting tasks (all replicas) above which a submit answers V2 code 5 HostUnavailable' })
    .option('job-lock-ms', { type: 'number', default: STORE_DEFAULTS.jobLockMs, describe: 'With --store redis: a dead replica\'s tasks run again on another after about this long' })
    .option('drain-ms', { type: 'number', default: STORE_DEFAULTS.drainMs, describe: 'With --store redis: on SIGTERM, wait this long for running tasks, then hand them back to the queue' }) as Argv<T>;
}

export interface OpenedShimStore {
  store?: TaskStore;
  queue?: TaskQueue;
  health?: () => Promise<StoreHealth>;
  /** Shown at start. */
  description: string;
  close(): Promise<void>;
}

export async function openShimStore(args: ShimStoreArgs, log: (line: string) => void): Promise<OpenedShimStore> {
  const spec = (args.store ?? process.env.NOVITA_MIGRATE_STORE ?? 'memory').trim();
  if (spec === '' || spec === 'memory') return { description: 'in-process store', close: async () => undefined };
  const { isRedisStoreUrl, RedisUrlError } = await import('../../shim/store/redis/redis-url.js');
  if (!isRedisStoreUrl(spec)) throw new UsageError(`--store must be memory or a redis://host:port/db URL, not ${JSON.stringify(spec)}`);
  for (const [flag, value, min] of [['--concurrency', args.concurrency, 1], ['--max-queued', args['max-queued'], 1], ['--job-lock-ms', args['job-lock-ms'], 1000], ['--drain-ms', args['drain-ms'], 0]] as const) {
    if (!Number.isInteger(value) || value < min) throw new UsageError(`${flag} must be an integer of at least ${min}`);
  }
  const { openRedisStore, RedisStoreError } = await import('../../shim/store/redis/open-redis-store.js');
  try {
    const opened = await openRedisStore({ url: spec, concurrency: args.concurrency, maxQueued: args['max-queued'], lockMs: args['job-lock-ms'], drainMs: args['drain-ms'], log });
    return { ...opened, description: `Redis store ${opened.endpoint.shown}, concurrency ${args.concurrency}`, close: () => opened.close() };
  } catch (err) {
    if (err instanceof RedisStoreError || err instanceof RedisUrlError) throw new UsageError(err.message);
    throw err;
  }
}
