/**
 * The TaskStore on Redis, shared by every replica of `shim serve`:
 *   <prefix>:task:<id>    hash, one JSON-encoded field per StoredTask field;
 *                         expires `ttlSeconds` (img_expire_ttl) after the task finishes
 *   <prefix>:issued:<id>  marker that outlives the task, so a late poll answers code 3
 *                         instead of being passed through to V2
 *   <prefix>:result:<id>  hash { data, type }: a result image, expiring after img_expire_ttl
 * Every Redis failure becomes V2 code 5 HostUnavailable: the caller may retry.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { V2_CODES } from '../../../spec/codes.js';
import { V2Error } from '../../backend.js';
import type { StoredResult, StoredTask, TaskStore } from '../../runtime/task-store.js';

/** A task that never finishes (its queue was wiped) still goes away. */
const UNFINISHED_TASK_TTL_SECONDS = 86_400;
/** How long an id is remembered as issued after its task is gone (the in-process store keeps the last 100,000). */
const ISSUED_TTL_SECONDS = 7 * 86_400;

/** HSET only when the task exists; a patch that finishes it starts its img_expire_ttl. */
const UPDATE_SCRIPT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV, 2))
if ARGV[1] == '1' then
  local ttl = tonumber(redis.call('HGET', KEYS[1], 'ttlSeconds')) or 0
  redis.call('EXPIRE', KEYS[1], math.max(1, ttl))
end
return 1`;

export class RedisTaskStore implements TaskStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  taskKey(id: string): string {
    return `${this.prefix}:task:${id}`;
  }

  resultKey(id: string): string {
    return `${this.prefix}:result:${id}`;
  }

  async getTask(id: string): Promise<StoredTask | undefined> {
    const fields = await this.call(() => this.redis.hgetall(this.taskKey(id)));
    if (!fields.id) return undefined;
    const decoded: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fields)) decoded[k] = JSON.parse(v) as unknown;
    return decoded as unknown as StoredTask;
  }

  async putTask(task: StoredTask): Promise<void> {
    await this.call(() =>
      this.redis
        .multi()
        .hset(this.taskKey(task.id), encode(task))
        .expire(this.taskKey(task.id), task.finishMs > 0 ? Math.max(1, task.ttlSeconds) : UNFINISHED_TASK_TTL_SECONDS)
        .set(`${this.prefix}:issued:${task.id}`, '1', 'EX', ISSUED_TTL_SECONDS)
        .exec(),
    );
  }

  async updateTask(id: string, patch: Partial<Omit<StoredTask, 'id'>>): Promise<void> {
    const fields = Object.entries(encode(patch)).flat();
    if (fields.length === 0) return;
    const finishes = (patch.finishMs ?? 0) > 0 ? '1' : '0';
    await this.call(() => this.redis.eval(UPDATE_SCRIPT, 1, this.taskKey(id), finishes, ...fields));
  }

  async issued(id: string): Promise<boolean> {
    if (!id) return false;
    return (await this.call(() => this.redis.exists(`${this.prefix}:issued:${id}`, this.taskKey(id)))) > 0;
  }

  async putResult(data: Buffer, contentType: string, ttlSeconds: number): Promise<string> {
    const id = randomBytes(18).toString('base64url');
    // EXPIRE 0 would delete at once; a result of a ttl-0 task lives one second.
    await this.call(() => this.redis.multi().hset(this.resultKey(id), { data, type: contentType }).expire(this.resultKey(id), Math.max(1, ttlSeconds)).exec());
    return id;
  }

  async getResult(id: string): Promise<StoredResult | undefined> {
    const fields = await this.call(() => this.redis.hgetallBuffer(this.resultKey(id)));
    if (!fields.data) return undefined;
    return { data: fields.data, contentType: fields.type?.toString('utf8') || 'image/png' };
  }

  /** The connection belongs to whoever opened the store (open-redis-store.ts). */
  async close(): Promise<void> {}

  /** Runs a Redis call; a lost connection is V2 code 5, which tells a V2 client to retry later. */
  private async call<T>(op: () => Promise<T>): Promise<T> {
    try {
      const result = await op();
      // MULTI answers errors per command instead of rejecting.
      if (Array.isArray(result)) for (const entry of result) if (Array.isArray(entry) && entry[0] instanceof Error) throw entry[0];
      return result;
    } catch (err) {
      throw new V2Error(V2_CODES.HostUnavailable, `the task store (Redis) is unavailable: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
}

function encode(fields: object): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = JSON.stringify(v);
  return out;
}
