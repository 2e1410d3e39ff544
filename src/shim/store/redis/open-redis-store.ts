/**
 * Opens the Redis-backed task store and queue for `shim serve --store
 * redis://…`. bullmq and ioredis are loaded here, on demand, so the runtime
 * package still installs and runs with sharp alone.
 */
import type { RedisOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { StoreHealth, TaskQueue } from '../../runtime/task-queue.js';
import type { TaskStore } from '../../runtime/task-store.js';
import { BullTaskQueue, type BullMQModule } from './bullmq-task-queue.js';
import { parseRedisUrl, type RedisEndpoint } from './redis-url.js';
import { RedisTaskStore } from './redis-task-store.js';

export interface RedisStoreOptions {
  url: string;
  /** Prefix of every key (default novita-migrate). */
  prefix?: string;
  concurrency: number;
  maxQueued: number;
  lockMs: number;
  drainMs: number;
  log: (line: string) => void;
}

export interface OpenedRedisStore {
  store: TaskStore;
  queue: TaskQueue;
  endpoint: RedisEndpoint;
  health(): Promise<StoreHealth>;
  close(): Promise<void>;
}

/** Redis cannot be reached, or its client library is not installed: the server does not start. */
export class RedisStoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisStoreError';
  }
}

const DEFAULT_PREFIX = 'novita-migrate';
/** Reconnect soon after Redis returns: a replica should not wait seconds once it is back. */
const retryStrategy = (times: number): number => Math.min(200 * times, 2_000);

export async function openRedisStore(options: RedisStoreOptions): Promise<OpenedRedisStore> {
  const endpoint = parseRedisUrl(options.url);
  const [bull, ioredis] = await Promise.all([loadOptional<BullMQModule>('bullmq'), loadOptional<typeof import('ioredis')>('ioredis')]);
  const connection: RedisOptions = {
    host: endpoint.host,
    port: endpoint.port,
    db: endpoint.db,
    username: endpoint.username,
    password: endpoint.password,
    ...(endpoint.tls ? { tls: {} } : {}),
    connectTimeout: 5_000,
    retryStrategy,
  };
  await probe(ioredis.Redis, connection, endpoint);
  const prefix = options.prefix ?? DEFAULT_PREFIX;
  // Store calls fail at once while Redis is away (V2 code 5) instead of piling up in memory.
  const redis: Redis = new ioredis.Redis({ ...connection, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
  redis.on('error', () => undefined); // reported by the queue's error log; the client reconnects by itself
  await redis.connect();
  const queue = new BullTaskQueue(bull, { connection, prefix, concurrency: options.concurrency, maxQueued: options.maxQueued, lockMs: options.lockMs, drainMs: options.drainMs, log: options.log });
  await queue.waitUntilReady();
  return {
    store: new RedisTaskStore(redis, prefix),
    queue,
    endpoint,
    async health() {
      const queueHealth = await queue.health();
      const up = redis.status === 'ready' && (await redis.ping().then(() => true, () => false));
      return { ok: up && queueHealth.ok, details: { store: endpoint.shown, redis: up ? 'up' : 'down', ...queueHealth.details } };
    },
    async close() {
      await queue.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/** One connection attempt, no retries: a wrong URL or a stopped Redis is reported at start. */
async function probe(RedisClass: typeof import('ioredis').Redis, connection: RedisOptions, endpoint: RedisEndpoint): Promise<void> {
  const client = new RedisClass({ ...connection, lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
  let lastError: Error | undefined;
  client.on('error', (err: Error) => (lastError = err));
  try {
    await client.connect();
    await client.ping();
  } catch (err) {
    const reason = (lastError ?? (err instanceof Error ? err : new Error(String(err)))).message;
    throw new RedisStoreError(`cannot reach Redis at ${endpoint.shown} (${reason}); start Redis or fix --store / NOVITA_MIGRATE_STORE`);
  } finally {
    client.disconnect();
  }
}

async function loadOptional<T>(name: 'bullmq' | 'ioredis'): Promise<T> {
  try {
    return (name === 'bullmq' ? await import('bullmq') : await import('ioredis')) as T;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND') {
      throw new RedisStoreError(`--store redis://… needs the ${name} package: npm install bullmq@6.7.0 ioredis@5.11.1`);
    }
    throw err;
  }
}
