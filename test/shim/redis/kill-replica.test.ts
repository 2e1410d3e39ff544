/**
 * `kill -9` of a replica in the middle of its tasks loses none: its jobs'
 * locks expire, the other replica's stalled-job check puts them back, and
 * every one of the 50 tasks submitted across both replicas ends in 2, 3 or 4.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { pollToEnd, startTwoReplicas, submit, tinyPngBase64, until, type TwoReplicaCluster } from './replica.js';

const TASKS = 50;
const CONCURRENCY = 8;

describe('shim serve with the Redis store: losing a replica', () => {
  let cluster: TwoReplicaCluster | undefined;

  afterAll(async () => {
    await cluster?.close();
  });

  it('kill -9 of the replica running tasks: 0 of 50 lost, the other replica finishes them', async () => {
    cluster = await startTwoReplicas(['--concurrency', String(CONCURRENCY)]);
    const { a, b, urlA, urlB, v3 } = cluster;

    const image = await tinyPngBase64(8);
    const ids: string[] = [];
    for (let i = 0; i < TASKS; i++) {
      const reply = await submit(i % 2 ? urlB : urlA, { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
      expect(reply.code).toBe(0);
      ids.push(reply.data!.task_id!);
    }
    // Both replicas hold CONCURRENCY tasks in V3 (the gate keeps them there): A is mid-task.
    await until(() => v3.submitted() >= 2 * CONCURRENCY);
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
