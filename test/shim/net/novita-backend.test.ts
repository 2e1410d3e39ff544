import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:net';
import { createNovitaBackend, type NovitaBackendOptions } from '../../../src/shim/novita-backend.js';
import { V2Error, type BackendContext, type RgbImage } from '../../../src/shim/backend.js';
import { V2_CODES } from '../../../src/spec/codes.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';

/** A 16x8 image: left half red, right half blue. */
function splitImage(width = 16, height = 8): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (x < width / 2) data[i] = 255;
      else data[i + 2] = 255;
    }
  }
  return { width, height, data };
}

function pixel(img: RgbImage, x: number, y: number): number[] {
  const i = (y * img.width + x) * 3;
  return [img.data[i]!, img.data[i + 1]!, img.data[i + 2]!];
}

const warnings: string[] = [];
function ctx(extra: Partial<BackendContext> = {}): BackendContext {
  return { warn: (f, m) => warnings.push(`${f}: ${m}`), ...extra };
}

async function codeOf(p: Promise<unknown>): Promise<{ code: number; message: string }> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(V2Error);
  return { code: (err as V2Error).code, message: (err as V2Error).message };
}

let fake: FakeV3;
beforeAll(async () => {
  fake = await startFakeV3({ apiKey: 'secret-key-123' });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.requests.length = 0;
  fake.clearFaults();
});

const fast: NovitaBackendOptions = { pollIntervalMs: 5, retryBaseMs: 5, deadlineMs: 5000, attemptTimeoutMs: 2000 };
function backend(extra: NovitaBackendOptions = {}) {
  return createNovitaBackend({ upstream: fake.url, apiKey: 'secret-key-123', ...fast, ...extra });
}

describe('novita backend against the fake V3', () => {
  it('upscales through submit, polling and download, with the right size and content', async () => {
    const out = await backend().upscale(splitImage(), 'RealESRNet_x4plus', 4, ctx());
    expect([out.width, out.height]).toEqual([64, 32]);
    expect(out.data.length).toBe(64 * 32 * 3);
    expect(pixel(out, 2, 16)).toEqual([255, 0, 0]);
    expect(pixel(out, 61, 16)).toEqual([0, 0, 255]);
    const paths = fake.requests.map((r) => `${r.method} ${r.path}`);
    expect(paths[0]).toBe('POST /v3/async/upscale');
    expect(paths.filter((p) => p === 'GET /v3/async/task-result').length).toBeGreaterThanOrEqual(3);
    expect(paths.at(-1)).toMatch(/^GET \/images\//);
    // The key goes to the API with Bearer, never to the image storage link.
    expect(fake.requests[0]!.authorization).toBe('Bearer secret-key-123');
    expect(fake.requests.at(-1)!.authorization).toBeUndefined();
  });

  it('uses the caller key from the context over the configured one', async () => {
    const b = createNovitaBackend({ upstream: fake.url, apiKey: 'wrong', ...fast });
    const out = await b.upscale(splitImage(), 'RealESRGAN_x4plus_anime_6B', 2, ctx({ apiKey: 'secret-key-123' }));
    expect([out.width, out.height]).toEqual([32, 16]);
  });

  it('restores faces with a same-size image', async () => {
    const img = splitImage();
    const out = await backend().restoreFace(img, 'codeformer', 0.5, ctx());
    expect([out.width, out.height]).toEqual([16, 8]);
    expect(out.data.equals(img.data)).toBe(true);
  });

  it('no key at all is code 4, before any request', async () => {
    const b = createNovitaBackend({ upstream: fake.url, ...fast });
    expect((await codeOf(b.upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()))).code).toBe(V2_CODES.InvalidAuth);
    expect(fake.requests).toHaveLength(0);
  });

  it('a wrong key is code 4 and the message does not contain it', async () => {
    const b = createNovitaBackend({ upstream: fake.url, apiKey: 'not-the-key-xyz', ...fast });
    const { code, message } = await codeOf(b.upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()));
    expect(code).toBe(V2_CODES.InvalidAuth);
    expect(message).not.toContain('not-the-key-xyz');
  });

  it('retries 429 (honouring Retry-After) and 500, then succeeds', async () => {
    fake.inject({ kind: 'rate-limit', retryAfterSeconds: 0 }, 2);
    fake.inject({ kind: 'server-error' }, 2);
    const out = await backend().upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx());
    expect([out.width, out.height]).toEqual([32, 16]);
    expect(fake.requests.map((r) => r.status).slice(0, 5)).toEqual([429, 429, 500, 500, 200]);
  });

  it('a hung request is retried after the attempt timeout', async () => {
    fake.inject({ kind: 'hang' });
    const out = await backend({ attemptTimeoutMs: 200 }).upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx());
    expect(out.width).toBe(32);
  });

  it('an upstream that keeps hanging until the deadline is code 9', async () => {
    fake.inject({ kind: 'hang' }, 20);
    const { code } = await codeOf(backend({ attemptTimeoutMs: 100, deadlineMs: 400 }).upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()));
    expect(code).toBe(V2_CODES.Timeout);
  });

  it('persistent 5xx beyond the retries is code 5', async () => {
    fake.inject({ kind: 'server-error' }, 3);
    const { code } = await codeOf(backend({ maxRetries: 2 }).upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()));
    expect(code).toBe(V2_CODES.HostUnavailable);
  });

  it('an unreachable upstream is code 5', async () => {
    const port = await closedPort();
    const b = createNovitaBackend({ upstream: `http://127.0.0.1:${port}`, apiKey: 'k', ...fast, maxRetries: 2 });
    expect((await codeOf(b.upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()))).code).toBe(V2_CODES.HostUnavailable);
  });

  it('HTTP 402 and a balance 400 are code 7', async () => {
    fake.inject({ kind: 'billing' });
    expect((await codeOf(backend().upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()))).code).toBe(V2_CODES.CostBalanceFailure);
    fake.inject({ kind: 'billing-400' });
    expect((await codeOf(backend().restoreFace(splitImage(), 'gfpgan', 0.7, ctx()))).code).toBe(V2_CODES.CostBalanceFailure);
  });

  it('a V3 400 (input over 2048) is code 6 with the V3 reason', async () => {
    const big = { width: 2100, height: 4, data: Buffer.alloc(2100 * 4 * 3) };
    const { code, message } = await codeOf(backend().upscale(big, 'RealESRNet_x4plus', 2, ctx()));
    expect(code).toBe(V2_CODES.ParamRangeOutOfLimit);
    expect(message).toContain('IMAGE_TOO_LARGE');
  });

  it('a FAILED task is an error carrying the V3 reason', async () => {
    fake.inject({ kind: 'task-failed', reason: 'model crashed' });
    const { code, message } = await codeOf(backend().upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx()));
    expect(code).toBe(V2_CODES.InternalError);
    expect(message).toContain('model crashed');
  });

  it('an aborted context signal ends the step as code 9', async () => {
    fake.inject({ kind: 'hang' });
    const signal = AbortSignal.timeout(150);
    const { code } = await codeOf(backend().upscale(splitImage(), 'RealESRNet_x4plus', 2, ctx({ signal })));
    expect(code).toBe(V2_CODES.Timeout);
  });
});

describe('the fake V3 is strict about the request shape', () => {
  async function post(path: string, body: unknown, auth = 'Bearer secret-key-123') {
    const res = await fetch(`${fake.url}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(auth ? { Authorization: auth } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }
  const png1x1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC';
  const good = { request: { model_name: 'RealESRNet_x4plus', image_base64: png1x1, scale_factor: 2 }, extra: { response_image_type: 'png' } };

  it.each([
    ['an unknown field', { ...good, upscaler_1: 'x' }],
    ['an unknown request field', { request: { ...good.request, resize_mode: 0 } }],
    ['a missing image', { request: { model_name: 'RealESRNet_x4plus', scale_factor: 2 } }],
    ['a V2 model name', { request: { ...good.request, model_name: 'R-ESRGAN 4x+' } }],
    ['scale 1', { request: { ...good.request, scale_factor: 1 } }],
    ['scale 4.5', { request: { ...good.request, scale_factor: 4.5 } }],
  ])('answers 400 with {code, reason, message, metadata} for %s', async (_name, body) => {
    const res = await post('/v3/async/upscale', body);
    expect(res.status).toBe(400);
    expect(Object.keys(res.body).sort()).toEqual(['code', 'message', 'metadata', 'reason']);
  });

  it('answers 401 without auth and accepts the good body', async () => {
    expect((await post('/v3/async/upscale', good, '')).status).toBe(401);
    const ok = await post('/v3/async/upscale', good);
    expect(ok.status).toBe(200);
    expect(typeof ok.body.task_id).toBe('string');
  });
});

async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}
