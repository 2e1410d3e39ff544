/**
 * SIGTERM with tasks running: the replica waits --drain-ms for them. Tasks that
 * end within it end there (exit 0, nothing handed back); tasks still running
 * then are handed back and the other replica finishes every one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startGatedV3 } from './gated-v3.js';
import { startRedis } from './redis-server.js';
import { pollToEnd, startReplica, startTwoReplicas, submit, tinyPngBase64, until } from './replica.js';

describe('shim serve with the Redis store: shutdown', () => {
  const cleanups: Array<() => Promise<unknown>> = [];

  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it('SIGTERM hands running tasks back after --drain-ms; the other replica ends them at status 2', async () => {
    const cluster = await startTwoReplicas(['--concurrency', '2', '--drain-ms', '500']);
    cleanups.push(() => cluster.close());
    const { a, urlA, urlB, v3 } = cluster;
    const body = { image: await tinyPngBase64(8), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 };
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await submit(i % 2 ? urlB : urlA, body)).data!.task_id!);
    await until(() => v3.submitted() >= 4); // both replicas hold two running tasks
    expect(await a.kill('SIGTERM')).toBe(0);
    expect(a.output()).toContain('handed back to the queue');
    v3.open();
    const ends = await Promise.all(ids.map((id) => pollToEnd([urlB], id)));
    expect(ends.map((r) => r.data!.status)).toEqual([2, 2, 2, 2]);
  }, 60_000);

  it('SIGTERM drains: a task that ends within --drain-ms ends on the stopping replica, which then exits 0', async () => {
    const redis = await startRedis();
    cleanups.push(() => redis.close());
    const v3 = await startGatedV3(16);
    cleanups.push(() => v3.close());
    // One replica: nobody else could finish the task, so status 2 after it exits is its own work.
    const args = ['--backend', 'novita', '--upstream', v3.url, '--store', redis.url, '--job-lock-ms', '3000', '--drain-ms', '30000'];
    const env = { NOVITA_API_KEY: 'gated-key' };
    const a = startReplica(args, env);
    cleanups.push(() => a.kill('SIGKILL'));
    const urlA = await a.url;
    const taskId = (await submit(urlA, { image: await tinyPngBase64(8), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 })).data!.task_id!;
    await until(() => v3.submitted() >= 1); // in flight: V3 holds it at PROCESSING

    const exited = a.kill('SIGTERM');
    await until(() => a.output().includes('SIGTERM, stopping'));
    // Still polling V3 for its task a few rounds later, and still alive: it waits instead of handing the task back.
    const polls = v3.polls();
    await until(() => v3.polls() >= polls + 2 || a.child.exitCode !== null);
    expect(a.child.exitCode).toBeNull();
    v3.open();
    expect(await exited).toBe(0);
    expect(a.output()).not.toContain('handed back');

    // At exit the task is done in Redis and its job is gone: no other replica will run it again.
    const client = redis.client();
    expect(await client.hget(`novita-migrate:task:${taskId}`, 'status')).toBe('2');
    expect(await client.exists(`novita-migrate:v2-upscale:${taskId}`)).toBe(0);
    expect(await client.llen('novita-migrate:v2-upscale:active')).toBe(0);

    // What a client sees from a replica started afterwards: status 2, the image downloads, V3 was called once.
    const b = startReplica(args, env);
    cleanups.push(() => b.kill('SIGKILL'));
    const urlB = await b.url;
    const done = await pollToEnd([urlB], taskId);
    expect(done.data!.status).toBe(2);
    // V3's image needed no local step here, so its URL is V3's own (README "Result URLs").
    expect((await fetch(done.data!.imgs![0]!)).status).toBe(200);
    expect(v3.submitted()).toBe(1);
  }, 60_000);
});
