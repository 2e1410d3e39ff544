import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { connect } from 'node:net';
import sharp from 'sharp';
import { startShimServer, type ShimServer } from '../../../src/shim/server.js';
import { createNovitaBackend } from '../../../src/shim/novita-backend.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';
import { createStandInClient, type StandInClient } from './stand-in-client.js';

let fake: FakeV3;
let shim: ShimServer;
let client: StandInClient;

async function redPng(w: number, h: number): Promise<string> {
  const png = await sharp({ create: { width: w, height: h, channels: 3, background: { r: 200, g: 10, b: 10 } } }).png().toBuffer();
  return png.toString('base64');
}

beforeAll(async () => {
  fake = await startFakeV3({ apiKey: 'caller-key' });
  const backend = createNovitaBackend({ upstream: fake.url, pollIntervalMs: 5, retryBaseMs: 5, deadlineMs: 5000 });
  shim = await startShimServer({
    port: 0,
    maxBodyMb: 1,
    client: (resultBaseUrl) => (client = createStandInClient(backend, resultBaseUrl)),
  });
});
afterAll(async () => {
  await shim.close();
  await fake.close();
});

/** A raw HTTP/1.1 request, the way curl sends one. */
function raw(method: string, path: string, body?: string | Buffer, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    const req = request(`${shim.url}${path}`, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}
const json = (b: Buffer) => JSON.parse(b.toString('utf8')) as { code: number; msg: string; data?: Record<string, unknown> };

describe('shim serve over raw HTTP', () => {
  it('listens on 127.0.0.1 by default', () => {
    expect(shim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('answers invalid JSON with HTTP 200 and code 1, and keeps serving', async () => {
    const bad = await raw('POST', '/v2/upscale', '{"image": ', { 'content-type': 'application/json' });
    expect(bad.status).toBe(200);
    expect(json(bad.body).code).toBe(1);
    const empty = await raw('POST', '/v2/upscale', '', { 'content-type': 'application/json' });
    expect(json(empty.body).code).toBe(1);
    const next = await raw('GET', '/v2/progress?task_id=nope');
    expect(json(next.body).code).toBe(3);
  });

  it('runs a task: upscale, progress, then the linked image on its own address', async () => {
    const up = await raw('POST', '/v2/upscale', JSON.stringify({ image: await redPng(10, 6), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 3 }), {
      authorization: 'caller-key',
      'content-type': 'application/json',
    });
    const task = json(up.body);
    expect(task.code).toBe(0);
    const progress = json((await raw('GET', `/v2/progress?task_id=${String(task.data!.task_id)}`)).body);
    expect(progress.data!.status).toBe(2);
    const [imgUrl] = progress.data!.imgs as string[];
    expect(imgUrl!.startsWith(`${shim.url}/results/`)).toBe(true);
    const img = await fetch(imgUrl!);
    expect(img.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(Buffer.from(await img.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([30, 18]);
  });

  it('forwards the caller key whether sent bare, as Bearer or as X-Omni-Key', async () => {
    client.calls.length = 0;
    const variants: Array<Record<string, string>> = [{ authorization: 'k1' }, { authorization: 'Bearer k2' }, { 'x-omni-key': 'k3' }];
    for (const headers of variants) {
      await raw('POST', '/v2/upscale', '{}', { ...headers, 'content-type': 'application/json' });
    }
    expect(client.calls.map((c) => c.apiKey)).toEqual(['k1', 'k2', 'k3']);
  });

  it('refuses a body over the cap with HTTP 413 and code 6, and keeps serving', async () => {
    const big = await raw('POST', '/v2/upscale', Buffer.alloc(1024 * 1024 + 10, 0x20), { 'content-type': 'application/json' });
    expect(big.status).toBe(413);
    expect(json(big.body).code).toBe(6);
    expect((await raw('GET', '/v2/progress?task_id=x')).status).toBe(200);
  });

  it('answers unknown paths 404, wrong methods 405, unknown results 404', async () => {
    expect((await raw('GET', '/v3/async/upscale')).status).toBe(404);
    expect((await raw('GET', '/v2/upscale')).status).toBe(405);
    expect((await raw('GET', '/results/not-a-result.png')).status).toBe(404);
  });
});

describe('shim serve start-up checks', () => {
  it('refuses a non-loopback host with a server-side key unless allowRemote', async () => {
    await expect(startShimServer({ host: '0.0.0.0', port: 0, apiKey: 'server-key', client: createStandInClient(createNovitaBackend(), '') })).rejects.toThrow(
      /--allow-remote/,
    );
    const s = await startShimServer({ host: '0.0.0.0', port: 0, apiKey: 'server-key', allowRemote: true, client: createStandInClient(createNovitaBackend(), '') });
    await s.close();
  });

  it('the refusal does not print the key', async () => {
    const err = await startShimServer({ host: '0.0.0.0', port: 0, apiKey: 'server-key-zz', client: createStandInClient(createNovitaBackend(), '') }).catch(
      (e: unknown) => e as Error,
    );
    expect(String((err as Error).message)).not.toContain('server-key-zz');
  });

  it('reports a port in use in one line', async () => {
    const port = Number(new URL(shim.url).port);
    await expect(startShimServer({ port, client: createStandInClient(createNovitaBackend(), '') })).rejects.toThrow(/already in use/);
  });
});

describe('shim serve and slow clients', () => {
  it('answers 408 and closes the connection of a client that never finishes its headers', async () => {
    const s = await startShimServer({ port: 0, headersTimeoutMs: 200, requestTimeoutMs: 300, client: createStandInClient(createNovitaBackend(), '') });
    try {
      const { port } = new URL(s.url);
      const reply = await new Promise<string>((resolve, reject) => {
        const socket = connect(Number(port), '127.0.0.1', () => socket.write('POST /v2/upscale HTTP/1.1\r\nHost: x\r\n'));
        let data = '';
        socket.on('data', (c: Buffer) => (data += c.toString()));
        socket.on('close', () => resolve(data));
        socket.on('error', reject);
      });
      expect(reply).toMatch(/^HTTP\/1\.1 408/);
    } finally {
      await s.close();
    }
  });
});
