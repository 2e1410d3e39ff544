/**
 * Two `shim serve --store redis://…` replicas on one real redis-server: a
 * task submitted to one is polled on the other, its image downloads from
 * either, and its Redis keys expire after img_expire_ttl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';
import { pollToEnd, progress, startReplica, submit, tinyPngBase64, type Replica } from './replica.js';

describe('shim serve with the Redis store: two replicas', () => {
  let redis: TestRedis;
  let a: Replica;
  let b: Replica;
  let urlA: string;
  let urlB: string;

  beforeAll(async () => {
    redis = await startRedis();
    a = startReplica(['--backend', 'local', '--store', redis.url]);
    b = startReplica(['--backend', 'local'], { NOVITA_MIGRATE_STORE: redis.url });
    [urlA, urlB] = await Promise.all([a.url, b.url]);
  });

  afterAll(async () => {
    await Promise.all([a?.kill(), b?.kill()]);
    await redis?.close();
  });

  it('a submit on one replica is polled to status 2 on the other; the image downloads from either', async () => {
    const submitted = await submit(urlA, { image: await tinyPngBase64(), upscaling_resize: 2, img_expire_ttl: 600 });
    expect(submitted.code).toBe(0);
    const taskId = submitted.data!.task_id!;
    const done = await pollToEnd([urlB], taskId);
    expect(done.data!.status).toBe(2);
    const imageUrl = done.data!.imgs![0]!;
    expect(imageUrl.startsWith(`${urlB}/results/`)).toBe(true);
    const name = imageUrl.slice(imageUrl.lastIndexOf('/') + 1);
    for (const base of [urlA, urlB]) {
      const res = await fetch(`${base}/results/${name}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('image/png');
      const bytes = Buffer.from(await res.arrayBuffer());
      expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    expect((await progress(urlA, taskId)).data!.status).toBe(2);
  });

  it('result and task keys expire after img_expire_ttl (Redis TTL), and the id stays known', async () => {
    const ttl = 300;
    const submitted = await submit(urlB, { image: await tinyPngBase64(), upscaling_resize: 2, img_expire_ttl: ttl });
    const taskId = submitted.data!.task_id!;
    const done = await pollToEnd([urlA], taskId);
    const resultId = done.data!.imgs![0]!.split('/').pop()!;
    const client = redis.client();
    const resultTtl = await client.ttl(`novita-migrate:result:${resultId}`);
    const taskTtl = await client.ttl(`novita-migrate:task:${taskId}`);
    expect(resultTtl).toBeGreaterThan(0);
    expect(resultTtl).toBeLessThanOrEqual(ttl);
    expect(taskTtl).toBeGreaterThan(0);
    expect(taskTtl).toBeLessThanOrEqual(ttl);
    // Once Redis drops them, the image is gone and a poll answers code 3 (not a pass-through to V2).
    await client.del(`novita-migrate:result:${resultId}`, `novita-migrate:task:${taskId}`);
    expect((await fetch(`${urlA}/results/${resultId}`)).status).toBe(404);
    expect((await progress(urlB, taskId)).code).toBe(3);
  });

  it('/healthz reports Redis and the queue', async () => {
    const res = await fetch(`${urlA}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', redis: 'up', queue: 'up', store: redis.url });
  });
});
