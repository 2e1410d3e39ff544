import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import axios from 'axios';
import { createShimFetch, installFetchShim, optionsFromEnv, upscaleV2, DEFAULT_SHIM_RESULT_BASE_URL } from '../../../src/shim/fetch-shim.js';
import { createAxiosAdapter } from '../../../src/shim/axios-adapter.js';
import { createNovitaBackend } from '../../../src/shim/novita-backend.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';
import { createStandInClient, type StandInClient } from './stand-in-client.js';

let fake: FakeV3;
let client: StandInClient;
let image: string;

beforeAll(async () => {
  fake = await startFakeV3({ apiKey: 'k' });
  const backend = createNovitaBackend({ upstream: fake.url, pollIntervalMs: 5, retryBaseMs: 5 });
  client = createStandInClient(backend, DEFAULT_SHIM_RESULT_BASE_URL);
  image = (await sharp({ create: { width: 8, height: 4, channels: 3, background: '#00ff00' } }).png().toBuffer()).toString('base64');
});
afterAll(() => fake.close());

const v2Body = () => JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 });

describe('createShimFetch', () => {
  it('answers V2 upscale/progress on both Novita hosts and serves the result URL in-process', async () => {
    const shimFetch = createShimFetch({ client, fetch: () => Promise.reject(new Error('must not reach the network')) });
    for (const host of ['https://api.novita.ai', 'https://api.omniinfer.io']) {
      const up = await shimFetch(`${host}/v2/upscale`, { method: 'POST', headers: { Authorization: 'Bearer k' }, body: v2Body() });
      const task = (await up.json()) as { code: number; data: { task_id: string } };
      expect(task.code).toBe(0);
      const progress = (await (await shimFetch(new URL(`${host}/v2/progress?task_id=${task.data.task_id}`))).json()) as { data: { imgs: string[] } };
      const imgUrl = progress.data.imgs[0]!;
      expect(imgUrl.startsWith(DEFAULT_SHIM_RESULT_BASE_URL)).toBe(true);
      const png = Buffer.from(await (await shimFetch(imgUrl)).arrayBuffer());
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height]).toEqual([16, 8]);
      expect([...data.subarray(0, 3)]).toEqual([0, 255, 0]);
    }
  });

  it('takes a Request object as input', async () => {
    const shimFetch = createShimFetch({ client, fetch: () => Promise.reject(new Error('no network')) });
    const res = await shimFetch(new Request('https://api.novita.ai/v2/upscale', { method: 'POST', body: '{oops' }));
    expect(((await res.json()) as { code: number }).code).toBe(1);
  });

  it('passes every other request to the real fetch with the same arguments', async () => {
    const seen: unknown[][] = [];
    const realFetch = (async (...args: unknown[]) => {
      seen.push(args);
      return new Response('real');
    }) as typeof fetch;
    const shimFetch = createShimFetch({ client, fetch: realFetch });
    const init = { method: 'POST', body: '{}' };
    for (const url of ['https://example.com/v2/upscale', 'https://api.novita.ai/v3/async/upscale', 'https://api.novita.ai/v2/txt2img']) {
      expect(await (await shimFetch(url, init)).text()).toBe('real');
    }
    expect(seen.map((a) => a[0])).toEqual(['https://example.com/v2/upscale', 'https://api.novita.ai/v3/async/upscale', 'https://api.novita.ai/v2/txt2img']);
    expect(seen.every((a) => a[1] === init)).toBe(true);
  });

  it('installFetchShim replaces globalThis.fetch and the uninstall puts it back', async () => {
    const original = globalThis.fetch;
    const uninstall = installFetchShim({ client });
    try {
      expect(globalThis.fetch).not.toBe(original);
      const res = await fetch('https://api.novita.ai/v2/progress?task_id=missing');
      expect(((await res.json()) as { code: number }).code).toBe(3);
      // Other hosts still reach the network (here: the fake V3 on 127.0.0.1).
      expect((await fetch(`${fake.url}/v3/async/task-result?task_id=x`)).status).toBe(401);
    } finally {
      await uninstall();
    }
    expect(globalThis.fetch).toBe(original);
  });

  it('reads its options from the environment', () => {
    expect(optionsFromEnv({ NOVITA_API_KEY: 'abc', NOVITA_MIGRATE_BACKEND: 'local' })).toEqual({ apiKey: 'abc', backend: 'local' });
    expect(() => optionsFromEnv({ NOVITA_MIGRATE_BACKEND: 'gpu' })).toThrow(/novita or local/);
  });
});

describe('createAxiosAdapter', () => {
  it('answers V2 URLs (baseURL + params) and hands others to axios', async () => {
    const http = axios.create({ baseURL: 'https://api.novita.ai', adapter: createAxiosAdapter({ client, axios }) });
    const up = await http.post('/v2/upscale', JSON.parse(v2Body()) as object, { headers: { Authorization: 'k' } });
    expect(up.data.code).toBe(0);
    const progress = await http.get('/v2/progress', { params: { task_id: up.data.data.task_id } });
    expect(progress.data.data.status).toBe(2);
    const img = await http.get(progress.data.data.imgs[0], { responseType: 'arraybuffer' });
    expect((await sharp(img.data as Buffer).metadata()).width).toBe(16);
    // Not a V2 route: axios' own adapter talks to the fake V3.
    const other = await http.get(`${fake.url}/v3/async/task-result`, { params: { task_id: 'x' }, validateStatus: () => true });
    expect(other.status).toBe(401);
    expect(other.data.reason).toBe('INVALID_API_KEY');
  });

  it('rejects like axios when validateStatus says no', async () => {
    const http = axios.create({ adapter: createAxiosAdapter({ client, axios }) });
    await expect(http.get('https://api.novita.ai/v2/upscale')).rejects.toMatchObject({ response: { status: 405 } });
  });
});

describe('the fetch shim with the real V2 client (local backend)', () => {
  async function runThrough(f: typeof fetch): Promise<{ width?: number; height?: number }> {
    const up = (await (await f('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'Lanczos', upscaling_resize: 2 }) })).json()) as {
      code: number;
      data: { task_id: string };
    };
    expect(up.code).toBe(0);
    for (;;) {
      const p = (await (await f(`https://api.novita.ai/v2/progress?task_id=${up.data.task_id}`)).json()) as { data: { status: number; imgs: string[] } };
      if (p.data.status >= 2) {
        expect(p.data.status).toBe(2);
        return sharp(Buffer.from(await (await f(p.data.imgs[0]!)).arrayBuffer())).metadata();
      }
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  it('installFetchShim creates its client on first use and serves the result URLs it hands out', async () => {
    const uninstall = installFetchShim({ backend: 'local' });
    try {
      const meta = await runThrough(fetch);
      expect([meta.width, meta.height]).toEqual([16, 8]);
    } finally {
      await uninstall();
    }
  });

  it('upscaleV2 is fetch with the shim in front, configured from the environment', async () => {
    const saved = process.env.NOVITA_MIGRATE_BACKEND;
    process.env.NOVITA_MIGRATE_BACKEND = 'local';
    try {
      const meta = await runThrough(upscaleV2);
      expect([meta.width, meta.height]).toEqual([16, 8]);
    } finally {
      if (saved === undefined) delete process.env.NOVITA_MIGRATE_BACKEND;
      else process.env.NOVITA_MIGRATE_BACKEND = saved;
    }
  });
});
