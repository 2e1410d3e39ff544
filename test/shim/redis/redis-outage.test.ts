/**
 * Redis away: at start the server refuses to run (a clear error, exit code
 * 2); while running, V2 calls answer code 5 HostUnavailable and /healthz 503,
 * and the replica serves again once Redis returns.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, redisServerBinary, startRedis, type TestRedis } from './redis-server.js';
import { pollToEnd, progress, startReplica, submit, tinyPngBase64, until, type Replica } from './replica.js';

describe('shim serve with the Redis store: Redis unavailable', () => {
  let redis: TestRedis | undefined;
  const replicas: Replica[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await redis?.close();
  });

  it('Redis down at start: a clear error naming the URL, exit code 2', async () => {
    redisServerBinary();
    const url = `redis://127.0.0.1:${await freePort()}/0`;
    const replica = startReplica(['--backend', 'local', '--store', url]);
    replicas.push(replica);
    expect(await replica.exited).toBe(2);
    expect(replica.output()).toContain(`novita-migrate: cannot reach Redis at ${url} (connect ECONNREFUSED`);
    expect(replica.output()).not.toContain('internal error');
  });

  it('a bad --store value is a usage error', async () => {
    const replica = startReplica(['--backend', 'local', '--store', 'mongodb://x']);
    replicas.push(replica);
    expect(await replica.exited).toBe(2);
    expect(replica.output()).toContain('--store must be memory or a redis://host:port/db URL');
  });

  it('Redis lost while running: code 5 and /healthz 503; after Redis returns, tasks run again', async () => {
    redis = await startRedis();
    const replica = startReplica(['--backend', 'local', '--store', redis.url]);
    replicas.push(replica);
    const url = await replica.url;
    const image = await tinyPngBase64();
    const before = await submit(url, { image, upscaling_resize: 2 });
    await pollToEnd([url], before.data!.task_id!);

    await redis.stop();
    const refused = await submit(url, { image, upscaling_resize: 2 });
    expect(refused.code).toBe(5);
    expect(refused.msg).toMatch(/Redis\) is unavailable/);
    expect((await progress(url, before.data!.task_id!)).code).toBe(5);
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(503);
    expect(await health.json()).toMatchObject({ status: 'degraded', redis: 'down' });

    await redis.restart();
    await until(async () => (await fetch(`${url}/healthz`)).status === 200, 200);
    const after = await submit(url, { image, upscaling_resize: 2 });
    expect(after.code).toBe(0);
    expect((await pollToEnd([url], after.data!.task_id!)).data!.status).toBe(2);
    expect(await replica.kill('SIGTERM')).toBe(0);
  }, 60_000);
});
