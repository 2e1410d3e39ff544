/**
 * End to end: the real novita-sdk 1.1.0 client, pointed at `shim serve` with
 * setBaseUrl, against the fake V3; and the V2 fault codes as a V2 client sees them.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import sharp from 'sharp';
import { NovitaSDK, NovitaError } from 'novita-sdk';
import { startShimServer, type ShimServer, type ShimServerOptions } from '../../../src/shim/server.js';
import { createNovitaBackend, type NovitaBackendOptions } from '../../../src/shim/novita-backend.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';
import { FAKE_V2_TASK_ANSWER, startFakeV2Progress } from '../fake-v2-progress.js';

const KEY = 'sdk-test-key';
let fake: FakeV3;
const servers: ShimServer[] = [];

beforeAll(async () => {
  fake = await startFakeV3({ apiKey: KEY });
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await fake.close();
});
beforeEach(() => {
  fake.clearFaults();
  fake.requests.length = 0;
});

const fastBackend: NovitaBackendOptions = { pollIntervalMs: 5, retryBaseMs: 5, deadlineMs: 3000, attemptTimeoutMs: 1000, maxRetries: 2 };

/** `shim serve` in-process (the real V2 client) with a novita backend against `upstream`, polling fast. */
async function serve(upstream: string, extra: Partial<ShimServerOptions> & { backendOptions?: NovitaBackendOptions } = {}): Promise<ShimServer> {
  const backend = createNovitaBackend({ upstream, apiKey: extra.apiKey, ...fastBackend, ...extra.backendOptions });
  const server = await startShimServer({ port: 0, backend, ...extra });
  servers.push(server);
  return server;
}

/** A 16x12 PNG: top half white, bottom half black. */
async function twoTonePng(): Promise<string> {
  const data = Buffer.alloc(16 * 12 * 3);
  data.fill(255, 0, 16 * 6 * 3);
  return (await sharp(data, { raw: { width: 16, height: 12, channels: 3 } }).png().toBuffer()).toString('base64');
}

async function sdkCode(p: Promise<unknown>): Promise<number> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(NovitaError);
  return (err as NovitaError).code;
}

describe('novita-sdk 1.1.0 against shim serve', () => {
  it('upscaleSync returns images of the right size and content', async () => {
    const server = await serve(fake.url);
    const sdk = new NovitaSDK(KEY);
    sdk.setBaseUrl(server.url);
    const imgs = (await sdk.upscaleSync({ image: await twoTonePng(), upscaling_resize: 2 }, { interval: 20, img_type: 'base64' })) as string[];
    expect(imgs).toHaveLength(1);
    const match = /^data:image\/png;base64,(.+)$/.exec(imgs[0]!);
    expect(match).not.toBeNull();
    const { data, info } = await sharp(Buffer.from(match![1]!, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([32, 24]);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(16, 2)).toEqual([255, 255, 255]);
    expect(at(16, 21)).toEqual([0, 0, 0]);
    // The SDK's bare `Authorization: <key>` reached V3 as a Bearer key.
    expect(fake.requests.some((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('upscaleSync with URLs returns links on the shim that serve PNGs', async () => {
    const server = await serve(fake.url);
    const sdk = new NovitaSDK(KEY);
    sdk.setBaseUrl(server.url);
    const [url] = (await sdk.upscaleSync({ image: await twoTonePng(), upscaling_resize: 3 }, { interval: 20 })) as string[];
    expect(url!.startsWith(`${server.url}/results/`)).toBe(true);
    const meta = await sharp(Buffer.from(await (await fetch(url!)).arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 48, 32]);
  });

  it('progress of an id the shim did not issue is the answer of V2 itself (pass-through)', async () => {
    const v2 = await startFakeV2Progress();
    try {
      const server = await serve(fake.url, { v2Upstream: v2.url });
      const sdk = new NovitaSDK(KEY);
      sdk.setBaseUrl(server.url);
      expect(await sdkCode(sdk.progress({ task_id: 'no-such-task' }))).toBe(3);
      expect(await sdk.progress({ task_id: v2.knownTaskId })).toEqual(FAKE_V2_TASK_ANSWER.data);
      expect(v2.seen.map((s) => s.authorization)).toEqual([KEY, KEY]);
    } finally {
      await v2.close();
    }
  });
});

describe('V2 fault codes through shim serve (fake V3 upstream)', () => {
  /** Submits a task and polls until it ends; upstream faults surface there, as V2 did for work that failed. */
  async function runTask(server: ShimServer): Promise<{ status: number; failed_reason: string }> {
    const res = await fetch(`${server.url}/v2/upscale`, {
      method: 'POST',
      headers: { Authorization: KEY, 'Content-Type': 'application/json' },
      body: JSON.stringify({ image: await twoTonePng(), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
    });
    const submitted = (await res.json()) as { code: number; data: { task_id: string } };
    expect(submitted.code).toBe(0);
    for (;;) {
      const p = (await (await fetch(`${server.url}/v2/progress?task_id=${submitted.data.task_id}`)).json()) as {
        code: number;
        data: { status: number; failed_reason: string };
      };
      expect(p.code).toBe(0);
      if (p.data.status >= 2) return p.data;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function upscaleCode(server: ShimServer, key: string | null = KEY): Promise<number> {
    const res = await fetch(`${server.url}/v2/upscale`, {
      method: 'POST',
      headers: key ? { Authorization: key, 'Content-Type': 'application/json' } : { 'Content-Type': 'application/json' },
      body: JSON.stringify({ image: await twoTonePng(), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { code: number }).code;
  }

  it('invalid JSON is 1', async () => {
    const server = await serve(fake.url);
    const res = await fetch(`${server.url}/v2/upscale`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"image":' });
    expect(((await res.json()) as { code: number }).code).toBe(1);
  });

  it('no key anywhere with --backend novita is 4, answered at once', async () => {
    const server = await startShimServer({ port: 0, backend: 'novita', upstream: fake.url });
    servers.push(server);
    expect(await upscaleCode(server, null)).toBe(4);
    expect(fake.requests).toHaveLength(0);
  });

  it('a server-side key is used when the caller sends none', async () => {
    expect(await upscaleCode(await serve(fake.url, { apiKey: KEY }), null)).toBe(0);
  });

  it('an unreachable upstream fails the task with code 5', async () => {
    const port = await closedPort();
    const end = await runTask(await serve(`http://127.0.0.1:${port}`));
    expect(end.status).toBe(3);
    expect(end.failed_reason).toContain('V2 code 5 HostUnavailable');
  });

  it('an upstream that hangs past the deadline ends the task at status 4 (code 9)', async () => {
    fake.inject({ kind: 'hang' }, 10);
    const end = await runTask(await serve(fake.url, { backendOptions: { attemptTimeoutMs: 100, deadlineMs: 350 } }));
    expect(end.status).toBe(4);
    expect(end.failed_reason).toContain('V2 code 9 Timeout');
  });

  it('a billing failure fails the task with code 7', async () => {
    fake.inject({ kind: 'billing' });
    const end = await runTask(await serve(fake.url));
    expect(end.status).toBe(3);
    expect(end.failed_reason).toContain('V2 code 7 CostBalanceFailure');
  });

  it('a FAILED V3 task fails the V2 task with its reason', async () => {
    fake.inject({ kind: 'task-failed', reason: 'NSFW content detected' });
    const end = await runTask(await serve(fake.url));
    expect(end.status).toBe(3);
    expect(end.failed_reason).toContain('NSFW content detected');
  });

  it('a 429 and a 500 are retried and the task succeeds', async () => {
    fake.inject({ kind: 'rate-limit', retryAfterSeconds: 0 });
    fake.inject({ kind: 'server-error' });
    expect((await runTask(await serve(fake.url))).status).toBe(2);
  });

  it('an unknown upscaler is 2 and a missing image is 6', async () => {
    const server = await serve(fake.url);
    const post = async (body: object) =>
      ((await (await fetch(`${server.url}/v2/upscale`, { method: 'POST', headers: { Authorization: KEY, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as { code: number }).code;
    expect(await post({ image: await twoTonePng(), upscaler_1: 'SwinIR_4x', upscaling_resize: 2 })).toBe(2);
    expect(await post({ upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 })).toBe(6);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
