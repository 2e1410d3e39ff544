/**
 * SIGTERM with tasks running: the replica waits --drain-ms for them, then
 * exits 0 and hands them back; the other replica finishes every one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';
import { startGatedV3, type GatedV3 } from './gated-v3.js';
import { pollToEnd, startReplica, submit, tinyPngBase64, until, type Replica } from './replica.js';

describe('shim serve with the Redis store: shutdown', () => {
  let redis: TestRedis | undefined;
  let v3: GatedV3 | undefined;
  const replicas: Replica[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await v3?.close();
    await redis?.close();
  });

  it('SIGTERM hands running tasks back after --drain-ms; the other replica ends them at status 2', async () => {
    redis = await startRedis();
    v3 = await startGatedV3(16);
    const args = ['--backend', 'novita', '--upstream', v3.url, '--store', redis.url, '--concurrency', '2', '--job-lock-ms', '3000', '--drain-ms', '500'];
    const [a, b] = [startReplica(args, { NOVITA_API_KEY: 'gated-key' }), startReplica(args, { NOVITA_API_KEY: 'gated-key' })];
    replicas.push(a, b);
    const [urlA, urlB] = await Promise.all([a.url, b.url]);
    const body = { image: await tinyPngBase64(8), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await submit(i % 2 ? urlB : urlA, body)).data!.task_id!);
    await until(() => v3!.submitted() >= 4); // both replicas hold two running tasks
    expect(await a.kill('SIGTERM')).toBe(0);
    expect(a.output()).toContain('handed back to the queue');
    v3.open();
    const ends = await Promise.all(ids.map((id) => pollToEnd([urlB], id)));
    expect(ends.map((r) => r.data!.status)).toEqual([2, 2, 2, 2]);
  }, 60_000);
});
