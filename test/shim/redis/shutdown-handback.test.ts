/**
 * SIGTERM with tasks running: the replica waits --drain-ms for them, then
 * exits 0 and hands them back; the other replica finishes every one.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pollToEnd, startTwoReplicas, submit, tinyPngBase64, until, type TwoReplicaCluster } from './replica.js';

describe('shim serve with the Redis store: shutdown', () => {
  let cluster: TwoReplicaCluster | undefined;

  afterAll(async () => {
    await cluster?.close();
  });

  it('SIGTERM hands running tasks back after --drain-ms; the other replica ends them at status 2', async () => {
    cluster = await startTwoReplicas(['--concurrency', '2', '--drain-ms', '500']);
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
});
