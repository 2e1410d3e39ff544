/**
 * Two `shim serve --store redis://…` replicas on one real redis-server: a
 * task submitted to one is polled on the other, its image downloads from
 * either, and its Redis keys expire after img_expire_ttl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRedis, type TestRedis } from './redis-server.js';
import { pollToEnd, progress, startReplica, submit, tinyPngBase64, until, type Replica } from './replica.js';

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

  it('result and task keys carry the requested img_expire_ttl as their Redis TTL', async () => {
    const ttl = 300;
    const submitted = await submit(urlB, { image: await tinyPngBase64(), upscaling_resize: 2, img_expire_ttl: ttl });
    const taskId = submitted.data!.task_id!;
    const done = await pollToEnd([urlA], taskId);
    const resultId = done.data!.imgs![0]!.split('/').pop()!;
    const client = redis.client();
    // Equal to the request, not the 3600 default nor the 1 s floor (a few seconds pass while polling).
    for (const key of [`novita-migrate:result:${resultId}`, `novita-migrate:task:${taskId}`]) {
      const left = await client.ttl(key);
      expect(left, key).toBeGreaterThan(ttl - 5);
      expect(left, key).toBeLessThanOrEqual(ttl);
    }
  });

  it('after a short img_expire_ttl the keys are gone, the image URL is 404 and progress answers code 3', async () => {
    const ttl = 2;
    const submitted = await submit(urlA, { image: await tinyPngBase64(), upscaling_resize: 2, img_expire_ttl: ttl });
    expect(submitted.code).toBe(0);
    const taskId = submitted.data!.task_id!;
    const done = await pollToEnd([urlB], taskId);
    expect(done.data!.status).toBe(2);
    const imageUrl = done.data!.imgs![0]!;
    const resultId = imageUrl.split('/').pop()!;
    const resultKey = `novita-migrate:result:${resultId}`;
    const taskKey = `novita-migrate:task:${taskId}`;
    const client = redis.client();
    // Still there before the TTL runs out: the expiry below is Redis's, not something the test did.
    expect((await fetch(imageUrl)).status).toBe(200);
    for (const key of [resultKey, taskKey]) {
      const left = await client.pttl(key);
      expect(left, key).toBeGreaterThan(0);
      expect(left, key).toBeLessThanOrEqual(ttl * 1000);
    }
    const finishedAt = Date.now();
    await until(async () => (await client.exists(resultKey, taskKey)) === 0);
    // Redis expires them on time (its active expiry runs 10 times a second), not at some later sweep.
    expect(Date.now() - finishedAt).toBeLessThan(ttl * 1000 + 3000);
    for (const base of [urlA, urlB]) {
      expect((await fetch(`${base}/results/${resultId}`)).status).toBe(404);
      // The id stays known as issued, so an expired task is code 3, never a pass-through to V2.
      const expired = await progress(base, taskId);
      expect(expired.code).toBe(3);
      expect(expired.data?.status).toBeUndefined();
    }
  });

  it('/healthz reports Redis and the queue', async () => {
    const res = await fetch(`${urlA}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ status: 'ok', redis: 'up', queue: 'up', store: redis.url });
  });
});
