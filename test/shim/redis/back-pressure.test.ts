/**
 * Back-pressure: once --max-queued tasks wait (across all replicas), a
 * submit answers V2 code 5 HostUnavailable (retry later) and creates no task.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';
import { startGatedV3, type GatedV3 } from './gated-v3.js';
import { pollToEnd, startReplica, submit, tinyPngBase64, until, type Replica } from './replica.js';

describe('shim serve with the Redis store: back-pressure', () => {
  let redis: TestRedis | undefined;
  let v3: GatedV3 | undefined;
  let replica: Replica | undefined;

  afterAll(async () => {
    await replica?.kill('SIGKILL');
    await v3?.close();
    await redis?.close();
  });

  it('answers code 5 over --max-queued, and takes tasks again once the queue drains', async () => {
    redis = await startRedis();
    v3 = await startGatedV3(16);
    replica = startReplica(['--backend', 'novita', '--upstream', v3.url, '--store', redis.url, '--concurrency', '1', '--max-queued', '2'], { NOVITA_API_KEY: 'gated-key' });
    const url = await replica.url;
    const body = { image: await tinyPngBase64(8), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 };
    const first = await submit(url, body);
    await until(() => v3!.submitted() >= 1); // running, so no longer waiting
    const queued = [await submit(url, body), await submit(url, body)];
    expect(queued.map((r) => r.code)).toEqual([0, 0]);
    const refused = await submit(url, body);
    expect(refused).toMatchObject({ code: 5 });
    expect(refused.msg).toContain('limit 2');
    expect(refused.data).toBeUndefined();

    v3.open();
    for (const r of [first, ...queued]) expect((await pollToEnd([url], r.data!.task_id!)).data!.status).toBe(2);
    expect((await submit(url, body)).code).toBe(0);
  }, 60_000);
});
