/**
 * Every client route fix uses, executed: each submits a V2 upscale, polls it
 * to the end and downloads the image with that client, and gets what V2
 * gave (same JSON shape, statuses 0..2, a downloadable PNG of the V2 size).
 * One process runtime, configured for a fake V3 (and a fake V2 for ids it
 * did not issue).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import axios from 'axios';
import got from 'got';
import ky from 'ky';
import superagent from 'superagent';
import nodeFetch from 'node-fetch';
import { fetch as undiciFetch } from 'undici';
import { NovitaSDK, NovitaError } from 'novita-sdk';
import { configureV2Shim, createAxiosAdapter, gotV2Request, superagentV2, undiciRequestV2, upscaleV2, withNovitaV2Shim, withV2Shim } from '../../../src/shim/index.js';
import * as sdkFunctions from '../../../src/shim/novita-sdk.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';
import { startFakeV2Progress, type FakeV2Progress } from '../fake-v2-progress.js';

const KEY = 'routes-key';
const NOVITA = 'https://api.novita.ai';
let fake: FakeV3;
let v2: FakeV2Progress;
let image: string;

beforeAll(async () => {
  fake = await startFakeV3({ apiKey: KEY, pollsPerStage: 0 });
  v2 = await startFakeV2Progress();
  configureV2Shim({ apiKey: KEY, v3BaseUrl: fake.url, v2BaseUrl: v2.url, backend: 'novita' });
  image = (await sharp({ create: { width: 16, height: 12, channels: 3, background: '#3366cc' } }).png().toBuffer()).toString('base64');
});
afterAll(async () => {
  configureV2Shim({ apiKey: undefined, v3BaseUrl: undefined, v2BaseUrl: undefined, backend: undefined });
  await fake.close();
  await v2.close();
});

/** AI upscale at 2x: V3's image is the result (its own URL). Lanczos 3x: a local step, a loopback URL. */
const BODIES = {
  v3: () => ({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  local: () => ({ image, upscaler_1: 'Lanczos', upscaling_resize: 3 }),
};
const SIZES = { v3: [32, 24], local: [48, 32] };

interface V2Json {
  code: number;
  msg: string;
  data: { task_id?: string; warn?: string; status?: number; imgs?: string[] };
}

/** What a V2 client sees, checked the same way for every route. */
function expectSubmitted(answer: V2Json): string {
  expect(answer).toMatchObject({ code: 0, msg: '', data: { task_id: expect.any(String), warn: expect.any(String) } });
  return answer.data.task_id!;
}

async function pollUntilDone(poll: () => Promise<V2Json>): Promise<string[]> {
  for (;;) {
    const p = await poll();
    expect(p.code).toBe(0);
    expect([0, 1, 2]).toContain(p.data.status);
    if (p.data.status === 2) return p.data.imgs!;
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function expectPng(bytes: Uint8Array, [w, h]: number[]): Promise<void> {
  const meta = await sharp(Buffer.from(bytes)).metadata();
  expect([meta.format, meta.width, meta.height]).toEqual(['png', w, h]);
}

function expectUrlKind(url: string, kind: 'v3' | 'local'): void {
  if (kind === 'v3') expect(url.startsWith(`${fake.url}/images/`)).toBe(true);
  else expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/results\/[\w-]+\.png$/);
}

describe.each(['v3', 'local'] as const)('client routes (%s result)', (kind) => {
  it('fetch: upscaleV2', async () => {
    const up = (await (await upscaleV2(`${NOVITA}/v2/upscale`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(BODIES[kind]()) })).json()) as V2Json;
    const id = expectSubmitted(up);
    const [url] = await pollUntilDone(async () => (await (await upscaleV2(`${NOVITA}/v2/progress?task_id=${id}`)).json()) as V2Json);
    expectUrlKind(url!, kind);
    await expectPng(new Uint8Array(await (await upscaleV2(url!)).arrayBuffer()), SIZES[kind]);
  });

  it('node-fetch 2: withV2Shim(require("node-fetch"))', async () => {
    const f = withV2Shim(nodeFetch);
    expect(withV2Shim(nodeFetch)).toBe(f);
    const up = await f(`${NOVITA}/v2/upscale`, { method: 'POST', body: JSON.stringify(BODIES[kind]()) });
    expect(up.ok).toBe(true);
    expect(up.headers.get('content-type')).toMatch(/application\/json/);
    const id = expectSubmitted((await up.json()) as V2Json);
    const [url] = await pollUntilDone(async () => JSON.parse(await (await f(`${NOVITA}/v2/progress?task_id=${id}`)).text()) as V2Json);
    await expectPng(Buffer.from(await (await f(url!)).arrayBuffer()), SIZES[kind]);
  });

  it('undici fetch: withV2Shim(undici.fetch)', async () => {
    const f = withV2Shim(undiciFetch);
    const id = expectSubmitted((await (await f(`${NOVITA}/v2/upscale`, { method: 'POST', body: JSON.stringify(BODIES[kind]()) })).json()) as V2Json);
    const [url] = await pollUntilDone(async () => (await (await f(`${NOVITA}/v2/progress?task_id=${id}`)).json()) as V2Json);
    await expectPng(new Uint8Array(await (await f(url!)).arrayBuffer()), SIZES[kind]);
  });

  it('undici request: undiciRequestV2', async () => {
    const up = await undiciRequestV2(`${NOVITA}/v2/upscale`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(BODIES[kind]()) });
    expect(up.statusCode).toBe(200);
    const id = expectSubmitted((await up.body.json()) as V2Json);
    const [url] = await pollUntilDone(async () => JSON.parse(await (await undiciRequestV2(`${NOVITA}/v2/progress`, { query: { task_id: id } })).body.text()) as V2Json);
    const img = await undiciRequestV2(url!);
    expect(img.statusCode).toBe(200);
    await expectPng(new Uint8Array(await img.body.arrayBuffer()), SIZES[kind]);
  });

  it('axios: createAxiosAdapter()', async () => {
    const http = axios.create({ baseURL: NOVITA, adapter: createAxiosAdapter() });
    const id = expectSubmitted((await http.post('/v2/upscale', BODIES[kind]())).data as V2Json);
    const [url] = await pollUntilDone(async () => (await http.get('/v2/progress', { params: { task_id: id } })).data as V2Json);
    await expectPng((await http.get(url!, { responseType: 'arraybuffer' })).data as Buffer, SIZES[kind]);
  });

  it('got: request: gotV2Request (.json(), .text(), .body)', async () => {
    const id = expectSubmitted(await got.post(`${NOVITA}/v2/upscale`, { json: BODIES[kind](), request: gotV2Request }).json<V2Json>());
    const [url] = await pollUntilDone(async () => JSON.parse(await got(`${NOVITA}/v2/progress`, { searchParams: { task_id: id }, request: gotV2Request }).text()) as V2Json);
    const res = await got(`${NOVITA}/v2/progress?task_id=${id}`, { request: gotV2Request });
    expect((JSON.parse(res.body) as V2Json).data.imgs).toEqual([url]);
    await expectPng(await got(url!, { request: gotV2Request }).buffer(), SIZES[kind]);
  });

  it('ky: fetch: upscaleV2 (ky.post and ky.create with prefixUrl)', async () => {
    const id = expectSubmitted(await ky.post(`${NOVITA}/v2/upscale`, { json: BODIES[kind](), fetch: upscaleV2 }).json<V2Json>());
    const api = ky.create({ prefixUrl: NOVITA, fetch: upscaleV2 });
    const [url] = await pollUntilDone(() => api.get('v2/progress', { searchParams: { task_id: id } }).json<V2Json>());
    await expectPng(new Uint8Array(await ky.get(url!, { fetch: upscaleV2 }).arrayBuffer()), SIZES[kind]);
  });

  it('superagent: .use(superagentV2), awaited and with .end(cb)', async () => {
    const up = await superagent.post(`${NOVITA}/v2/upscale`).use(superagentV2).send(BODIES[kind]());
    const id = expectSubmitted(up.body as V2Json);
    const poll = () =>
      new Promise<V2Json>((resolve, reject) =>
        superagent
          .get(`${NOVITA}/v2/progress`)
          .query({ task_id: id })
          .use(superagentV2)
          .end((err, res) => (err ? reject(err) : resolve(res.body as V2Json))),
      );
    const [url] = await pollUntilDone(poll);
    const img = await superagent.get(url!).use(superagentV2).responseType('blob');
    await expectPng(img.body as Buffer, SIZES[kind]);
  });

  it('novita-sdk 1.x instance: withNovitaV2Shim(new NovitaSDK(key))', async () => {
    const sdk = withNovitaV2Shim(new NovitaSDK(KEY));
    const { image: img, ...rest } = BODIES[kind]();
    const task = await sdk.upscale({ image: img, ...rest } as Parameters<NovitaSDK['upscale']>[0]);
    expect(task).toEqual({ task_id: expect.any(String), warn: expect.any(String) });
    const urls = await sdk.upscaleSync({ image: img, ...rest } as Parameters<NovitaSDK['upscaleSync']>[0], { interval: 10 });
    expect(urls).toHaveLength(1);
    const data = await sdk.progress({ task_id: task.task_id });
    expect([0, 1, 2]).toContain(data.status);
    const [b64] = await sdk.upscaleSync({ image: img, ...rest } as Parameters<NovitaSDK['upscaleSync']>[0], { interval: 10, img_type: 'base64' });
    expect(b64).toMatch(/^data:image\/png;base64,/);
    await expectPng(Buffer.from(b64!.split(',')[1]!, 'base64'), SIZES[kind]);
    // Everything else is the instance's own.
    expect(sdk.setBaseUrl).toBeTypeOf('function');
  });

  it('novita-sdk 1.x functional: upscale, upscaleSync, progress from novita-migrate-shim/novita-sdk', async () => {
    const task = await sdkFunctions.upscale(BODIES[kind]());
    expect(task.task_id).toEqual(expect.any(String));
    const [url] = await sdkFunctions.upscaleSync(BODIES[kind](), { interval: 10 });
    expectUrlKind(url!, kind);
    expect([0, 1, 2]).toContain((await sdkFunctions.progress({ task_id: task.task_id })).status);
  });
});

describe('the novita-sdk compat layer behaves like 1.x', () => {
  it('sends upscaler_1 and upscaler_2 like the SDK (default R-ESRGAN 4x+, inert at visibility 0)', async () => {
    const task = await sdkFunctions.upscale({ image, upscaling_resize: 2 });
    // R-ESRGAN 4x+ is a substitution: the SDK default shows in `warn`.
    expect(task.warn).toMatch(/R-ESRGAN 4x\+/);
  });

  it('rejects with NovitaError(code, msg) on a non-zero code', async () => {
    const err = await withNovitaV2Shim(new NovitaSDK(KEY))
      .upscale({ image, upscaler_1: 'SwinIR_4x' } as unknown as Parameters<NovitaSDK['upscale']>[0])
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NovitaError);
    expect(err).toMatchObject({ code: 2, msg: expect.stringMatching(/SwinIR_4x/) });
  });

  it('progress of an id the runtime did not issue goes to the instance (V2, its key) and to V2 for the functional export', async () => {
    v2.seen.length = 0;
    const real = new NovitaSDK('instance-key');
    real.setBaseUrl(v2.url);
    expect((await withNovitaV2Shim(real).progress({ task_id: v2.knownTaskId })).imgs).toEqual(['https://example.invalid/txt2img.png']);
    expect((await sdkFunctions.progress({ task_id: v2.knownTaskId })).status).toBe(2);
    expect(v2.seen.map((s) => s.authorization)).toEqual(['instance-key', KEY]);
  });
});
