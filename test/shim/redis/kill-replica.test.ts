/**
 * `kill -9` of a replica in the middle of its tasks loses none: its jobs'
 * locks expire, the other replica's stalled-job check puts them back, and
 * every one of the 50 tasks submitted across both replicas ends in 2, 3 or 4.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';
import { startGatedV3, type GatedV3 } from './gated-v3.js';
import { pollToEnd, startReplica, submit, tinyPngBase64, until, type Replica } from './replica.js';

const TASKS = 50;
const CONCURRENCY = 8;

describe('shim serve with the Redis store: losing a replica', () => {
  let redis: TestRedis | undefined;
  let v3: GatedV3 | undefined;
  const replicas: Replica[] = [];

  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.kill('SIGKILL')));
    await v3?.close();
    await redis?.close();
  });

  it('kill -9 of the replica running tasks: 0 of 50 lost, the other replica finishes them', async () => {
    redis = await startRedis();
    v3 = await startGatedV3(16);
    const args = ['--backend', 'novita', '--upstream', v3.url, '--store', redis.url, '--concurrency', String(CONCURRENCY), '--job-lock-ms', '3000'];
    const env = { NOVITA_API_KEY: 'gated-key' };
    const [a, b] = [startReplica(args, env), startReplica(args, env)];
    replicas.push(a, b);
    const [urlA, urlB] = await Promise.all([a.url, b.url]);

    const image = await tinyPngBase64(8);
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const reply = await submit(i % 2 ? urlB : urlA, { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
      expect(reply.code).toBe(0);
      ids.push(reply.data!.task_id!);
    }
    // Both replicas hold CONCURRENCY tasks in V3 (the gate keeps them there): A is mid-task.
    await until(() => v3!.submitted() >= 2 * CONCURRENCY);
    a.child.kill('SIGKILL');
    await a.exited;
    v3.open();

    const ends = await Promise.all(ids.map((id) => pollToEnd([urlB], id)));
    const statuses = ends.map((r) => r.data!.status);
    expect(statuses.filter((s) => s !== 2 && s !== 3 && s !== 4)).toEqual([]);
    expect(statuses.filter((s) => s === 2).length).toBe(TASKS);
    // A's tasks ran again on B: more V3 tasks than V2 tasks.
    expect(v3.submitted()).toBeGreaterThan(TASKS);
  }, 120_000);
});
