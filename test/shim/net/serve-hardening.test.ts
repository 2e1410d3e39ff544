/**
 * `shim serve` refuses what would let a web page or a crafted upload spend
 * the server-side key or the machine's memory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32, deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { UpscaleBackend } from '../../../src/shim/backend.js';
import { createLocalBackend } from '../../../src/shim/local-backend.js';
import { startShimServer, type ShimServer } from '../../../src/shim/server.js';

const ALLOWED = 'https://app.example.com';
let shim: ShimServer;
const log: string[] = [];
let upscaleCalls = 0;

beforeAll(async () => {
  const local = createLocalBackend();
  const counting: UpscaleBackend = { name: 'local', upscale: (...a) => (upscaleCalls++, local.upscale(...a)), restoreFace: local.restoreFace };
  shim = await startShimServer({ port: 0, backend: counting, apiKey: 'server-secret-key', corsOrigins: [ALLOWED], accessLog: (l) => log.push(l), v2Upstream: 'http://127.0.0.1:9' });
});
afterAll(() => shim.close());

const png = async (w: number, h: number) => (await sharp({ create: { width: w, height: h, channels: 3, background: '#777777' } }).png().toBuffer()).toString('base64');

/** A valid PNG header declaring width x height, with one tiny IDAT: ~100 bytes that would decode to gigabytes. */
function pngBomb(width: number, height: number): string {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(Buffer.alloc(1024))), chunk('IEND', Buffer.alloc(0))]).toString('base64');
}

async function post(body: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${shim.url}/v2/upscale`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, headers: res.headers, json: (await res.json()) as { code: number; msg: string } };
}

describe('shim serve hardening', () => {
  it('from a browser accepts only application/json upload bodies (415 + code 1), so a page cannot send a simple text/plain request', async () => {
    const before = upscaleCalls;
    const body = JSON.stringify({ image: await png(8, 8), upscaler_1: 'R-ESRGAN 4x+ Anime6B' });
    expect(await post(body, { 'content-type': 'text/plain', origin: ALLOWED })).toMatchObject({ status: 415, json: { code: 1 } });
    expect(await post(body, { origin: ALLOWED })).toMatchObject({ status: 415, json: { code: 1 } });
    expect(upscaleCalls).toBe(before); // the refused ones never reached the backend
    expect((await post(body, { 'content-type': 'application/json; charset=utf-8', origin: ALLOWED })).json.code).toBe(0);
  });

  it('still takes a server-side V2 client that sends no Origin and no JSON type (fetch with a string body), as V2 did', async () => {
    const body = JSON.stringify({ image: await png(8, 8), upscaler_1: 'Lanczos' });
    expect((await post(body, { 'content-type': 'text/plain;charset=UTF-8' })).json.code).toBe(0);
    expect((await post(body, {})).json.code).toBe(0);
  });

  it('CORS is off except for --cors-origin origins, preflight included', async () => {
    const evil = await post({ image: await png(8, 8) }, { 'content-type': 'application/json', origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
    const evilPreflight = await fetch(`${shim.url}/v2/upscale`, { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' } });
    expect(evilPreflight.status).toBe(403);
    const preflight = await fetch(`${shim.url}/v2/upscale`, { method: 'OPTIONS', headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/content-type/);
    const ok = await post({ image: await png(8, 8), upscaler_1: 'Lanczos' }, { 'content-type': 'application/json', origin: ALLOWED });
    expect(ok.status).toBe(200);
    expect(ok.json.code).toBe(0);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ALLOWED);
  });

  it('refuses a 16000x16000 PNG from its header, before decoding (code 6)', async () => {
    const bomb = pngBomb(16000, 16000);
    expect(bomb.length).toBeLessThan(2000);
    const r = await post({ image: bomb, upscaler_1: 'None' });
    expect(r.json.code).toBe(6);
    expect(r.json.msg).toMatch(/16000x16000/);
  });

  it('applies the 2048 output limit to every output, upscaler_1 None included', async () => {
    const r = await post({ image: await png(2100, 8), upscaler_1: 'None' });
    expect(r.json).toMatchObject({ code: 6, msg: expect.stringMatching(/2100x8/) });
  });

  it('answers GET /healthz', async () => {
    const res = await fetch(`${shim.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('logs one access line per request (method, path, status, ms), never a key or a query', async () => {
    log.length = 0;
    await fetch(`${shim.url}/v2/progress?task_id=secret-task`, { headers: { authorization: 'Bearer caller-secret-key' } });
    await fetch(`${shim.url}/healthz`);
    expect(log).toHaveLength(2);
    expect(log[0]).toMatch(/^GET \/v2\/progress \d{3} \d+ms$/);
    expect(log[1]).toMatch(/^GET \/healthz 200 \d+ms$/);
    expect(log.join('\n')).not.toMatch(/secret/);
  });
});
