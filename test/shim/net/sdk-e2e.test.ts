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
import { createStandInClient } from './stand-in-client.js';

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
beforeEach(() => fake.clearFaults());

const fastBackend: NovitaBackendOptions = { pollIntervalMs: 5, retryBaseMs: 5, deadlineMs: 3000, attemptTimeoutMs: 1000, maxRetries: 2 };

/** `shim serve` in-process with the novita backend against `upstream`. */
async function serve(upstream: string, extra: Partial<ShimServerOptions> & { backendOptions?: NovitaBackendOptions } = {}): Promise<ShimServer> {
  const backend = createNovitaBackend({ upstream, apiKey: extra.apiKey, ...fastBackend, ...extra.backendOptions });
  const server = await startShimServer({ port: 0, ...extra, client: (resultBaseUrl) => createStandInClient(backend, resultBaseUrl) });
  servers.push(server);
  return server;
}

/** A 12x10 image: top half white, bottom half black. */
async function twoToneJpeg(): Promise<string> {
  const data = Buffer.alloc(12 * 10 * 3);
  data.fill(255, 0, 12 * 5 * 3);
  return (await sharp(data, { raw: { width: 12, height: 10, channels: 3 } }).png().toBuffer()).toString('base64');
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
    const imgs = (await sdk.upscaleSync({ image: await twoToneJpeg(), upscaling_resize: 2 }, { interval: 20, img_type: 'base64' })) as string[];
    expect(imgs).toHaveLength(1);
    const match = /^data:image\/png;base64,(.+)$/.exec(imgs[0]!);
    expect(match).not.toBeNull();
    const { data, info } = await sharp(Buffer.from(match![1]!, 'base64')).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([24, 20]);
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    expect(at(12, 2)).toEqual([255, 255, 255]);
    expect(at(12, 18)).toEqual([0, 0, 0]);
    // The SDK's bare `Authorization: <key>` reached V3 as a Bearer key.
    expect(fake.requests.some((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('upscaleSync with URLs returns links on the shim that serve PNGs', async () => {
    const server = await serve(fake.url);
    const sdk = new NovitaSDK(KEY);
    sdk.setBaseUrl(server.url);
    const [url] = (await sdk.upscaleSync({ image: await twoToneJpeg(), upscaling_resize: 3 }, { interval: 20 })) as string[];
    expect(url!.startsWith(`${server.url}/results/`)).toBe(true);
    const meta = await sharp(Buffer.from(await (await fetch(url!)).arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 36, 30]);
  });

  it('progress of an unknown task is code 3', async () => {
    const server = await serve(fake.url);
    const sdk = new NovitaSDK(KEY);
    sdk.setBaseUrl(server.url);
    expect(await sdkCode(sdk.progress({ task_id: 'no-such-task' }))).toBe(3);
  });
});

describe('V2 fault codes through shim serve (fake V3 upstream)', () => {
  async function upscaleCode(server: ShimServer, key: string | null = KEY): Promise<number> {
    const res = await fetch(`${server.url}/v2/upscale`, {
      method: 'POST',
      headers: key ? { Authorization: key } : {},
      body: JSON.stringify({ image: await twoToneJpeg(), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }),
    });
    expect(res.status).toBe(200);
    return ((await res.json()) as { code: number }).code;
  }

  it('invalid JSON is 1', async () => {
    const server = await serve(fake.url);
    const res = await fetch(`${server.url}/v2/upscale`, { method: 'POST', body: '{"image":' });
    expect(((await res.json()) as { code: number }).code).toBe(1);
  });

  it('no key anywhere with the novita backend is 4', async () => {
    expect(await upscaleCode(await serve(fake.url), null)).toBe(4);
  });

  it('a server-side key is used when the caller sends none', async () => {
    expect(await upscaleCode(await serve(fake.url, { apiKey: KEY }), null)).toBe(0);
  });

  it('an unreachable upstream is 5', async () => {
    const port = await closedPort();
    expect(await upscaleCode(await serve(`http://127.0.0.1:${port}`))).toBe(5);
  });

  it('an upstream that hangs past the deadline is 9', async () => {
    fake.inject({ kind: 'hang' }, 10);
    expect(await upscaleCode(await serve(fake.url, { backendOptions: { attemptTimeoutMs: 100, deadlineMs: 350 } }))).toBe(9);
  });

  it('a billing failure is 7', async () => {
    fake.inject({ kind: 'billing' });
    expect(await upscaleCode(await serve(fake.url))).toBe(7);
  });

  it('a 429 burst is retried and succeeds', async () => {
    fake.inject({ kind: 'rate-limit', retryAfterSeconds: 0 }, 2);
    expect(await upscaleCode(await serve(fake.url))).toBe(0);
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
