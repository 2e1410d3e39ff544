/**
 * One runtime per process: an id issued by any entry point polls through
 * every other (also across a second installed copy, a CommonJS require and
 * novita-migrate/shim); ids it did not issue go to V2 unchanged; result URLs
 * download with the app's own clients; memory stays flat.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import sharp from 'sharp';
import axios from 'axios';
import got from 'got';
import { configureV2Shim, createAxiosAdapter, createV2Client, installFetchShim, upscaleV2 } from '../../../src/shim/index.js';
import { startFakeV3, type FakeV3 } from '../fake-v3-server.js';
import { FAKE_V2_TASK_ANSWER, startFakeV2Progress, type FakeV2Progress } from '../fake-v2-progress.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const NOVITA = 'https://api.novita.ai';
let fake: FakeV3;
let v2: FakeV2Progress;
let image: string;

beforeAll(async () => {
  fake = await startFakeV3({ apiKey: 'k', pollsPerStage: 0 });
  v2 = await startFakeV2Progress();
  configureV2Shim({ apiKey: 'k', v3BaseUrl: fake.url, v2BaseUrl: v2.url, backend: 'local' });
  image = (await sharp({ create: { width: 8, height: 4, channels: 3, background: '#00ff00' } }).png().toBuffer()).toString('base64');
});
afterAll(async () => {
  configureV2Shim({ apiKey: undefined, v3BaseUrl: undefined, v2BaseUrl: undefined, backend: undefined });
  await fake.close();
  await v2.close();
});

interface V2Json {
  code: number;
  msg: string;
  data: { task_id: string; status: number; imgs: string[] };
}

async function waitDone(id: string): Promise<V2Json> {
  for (;;) {
    const p = (await (await upscaleV2(`${NOVITA}/v2/progress?task_id=${id}`)).json()) as V2Json;
    if (p.code !== 0 || p.data.status >= 2) return p;
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('one task store per process', () => {
  it('an id from an axios adapter made for one call polls through fetch, a fresh adapter, installFetchShim and createV2Client()', async () => {
    const up = await axios.post(`${NOVITA}/v2/upscale`, { image, upscaler_1: 'Lanczos', upscaling_resize: 2 }, { adapter: createAxiosAdapter() });
    const id = (up.data as V2Json).data.task_id;
    const viaFetch = await waitDone(id);
    expect(viaFetch).toMatchObject({ code: 0, data: { status: 2 } });
    const fresh = await axios.get(`${NOVITA}/v2/progress`, { params: { task_id: id }, adapter: createAxiosAdapter() });
    expect(fresh.data).toEqual(viaFetch);
    expect(await createV2Client().progress(id)).toEqual(viaFetch);
    const uninstall = installFetchShim();
    try {
      expect(await (await fetch(`${NOVITA}/v2/progress?task_id=${id}`)).json()).toEqual(viaFetch);
    } finally {
      await uninstall();
    }
  });

  it('holds across a second installed copy, a CommonJS require and novita-migrate/shim (built)', () => {
    const copyDir = `${ROOT}.tmp/shim-copy-${process.pid}`;
    rmSync(copyDir, { recursive: true, force: true });
    mkdirSync(`${copyDir}/node_modules/novita-migrate-shim`, { recursive: true });
    cpSync(`${ROOT}packages/shim/dist`, `${copyDir}/node_modules/novita-migrate-shim/dist`, { recursive: true });
    cpSync(`${ROOT}packages/shim/package.json`, `${copyDir}/node_modules/novita-migrate-shim/package.json`);
    const script = `
      import { createRequire } from 'node:module';
      import { pathToFileURL } from 'node:url';
      const a = await import('novita-migrate-shim');
      const b = await import(pathToFileURL(${JSON.stringify(`${copyDir}/node_modules/novita-migrate-shim/dist/shim/index.js`)}).href);
      const c = createRequire(import.meta.url)('novita-migrate-shim');
      const d = await import('novita-migrate/shim');
      a.configureV2Shim({ backend: 'local' });
      const up = await (await a.upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: ${JSON.stringify(image)}, upscaler_1: 'Lanczos' }) })).json();
      const id = up.data.task_id;
      let p;
      do p = await (await b.upscaleV2('https://api.novita.ai/v2/progress?task_id=' + id)).json(); while (p.data.status < 2);
      const viaRequire = await c.createV2Client().progress(id);
      const viaRootPackage = await (await d.upscaleV2('https://api.novita.ai/v2/progress?task_id=' + id)).json();
      const idFromCopy = (await (await b.upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: ${JSON.stringify(image)}, upscaler_1: 'None' }) })).json()).data.task_id;
      const backInA = await a.createV2Client().progress(idFromCopy);
      console.log(JSON.stringify({ separateCopy: a.upscaleV2 !== b.upscaleV2 && a.upscaleV2 !== d.upscaleV2, status: p.data.status, viaRequire: viaRequire.data.status, viaRootPackage: viaRootPackage.data.status, backInA: backInA.code }));`;
    try {
      const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NOVITA_API_KEY: '' } });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ separateCopy: true, status: 2, viaRequire: 2, viaRootPackage: 2, backInA: 0 });
    } finally {
      rmSync(copyDir, { recursive: true, force: true });
    }
  });
});

describe('pass-through of ids the runtime did not issue', () => {
  it('goes to V2 /v2/progress with the caller’s credentials; status and body come back unchanged', async () => {
    v2.seen.length = 0;
    const res = await upscaleV2(`${NOVITA}/v2/progress?task_id=${v2.knownTaskId}`, { headers: { Authorization: 'Bearer caller-key' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(FAKE_V2_TASK_ANSWER);
    const omni = await axios.get(`https://api.omniinfer.io/v2/progress?task_id=unknown-id`, { headers: { 'X-Omni-Key': 'omni-key' }, adapter: createAxiosAdapter() });
    expect(omni.data).toEqual({ code: 3, msg: 'task not found (fake V2)' });
    expect(v2.seen).toEqual([
      { path: `/v2/progress?task_id=${v2.knownTaskId}`, authorization: 'Bearer caller-key', omniKey: undefined },
      { path: '/v2/progress?task_id=unknown-id', authorization: undefined, omniKey: 'omni-key' },
    ]);
  });

  it('answers V2 routes under a configured V2 base URL whatever its host (never steps aside)', async () => {
    const up = (await (await upscaleV2(`${v2.url}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'Lanczos' }) })).json()) as V2Json;
    expect(up.code).toBe(0);
    expect((await waitDone(up.data.task_id)).data.status).toBe(2);
    // Other paths on that host are the app's own.
    expect((await upscaleV2(`${v2.url}/v2/txt2img`)).status).toBe(404);
  });
});

describe('result URLs', () => {
  it('download with plain fetch, axios and got (no shim in the way)', async () => {
    const up = (await (await upscaleV2(`${NOVITA}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'Nearest', upscaling_resize: 4 }) })).json()) as V2Json;
    const [url] = (await waitDone(up.data.task_id)).data.imgs;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/results\//);
    const sizes = [
      await sharp(Buffer.from(await (await fetch(url!)).arrayBuffer())).metadata(),
      await sharp((await axios.get(url!, { responseType: 'arraybuffer' })).data as Buffer).metadata(),
      await sharp(await got(url!).buffer()).metadata(),
    ].map((m) => [m.width, m.height]);
    expect(sizes).toEqual([[32, 16], [32, 16], [32, 16]]);
    expect((await fetch(`${new URL(url!).origin}/results/not-an-id.png`)).status).toBe(404);
    expect((await fetch(`${new URL(url!).origin}/v2/upscale`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('memory', () => {
  it('stays flat across 12 calls on a 512² image (V3 results handed out by URL, pipelines bounded)', async () => {
    configureV2Shim({ backend: 'novita' });
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const big = (await sharp({ create: { width: 512, height: 512, channels: 3, background: '#884422' } }).png().toBuffer()).toString('base64');
    const one = async () => {
      const up = (await (await upscaleV2(`${NOVITA}/v2/upscale`, { method: 'POST', headers: { Authorization: 'Bearer k' }, body: JSON.stringify({ image: big, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) })).json()) as V2Json;
      expect((await waitDone(up.data.task_id)).data.status).toBe(2);
    };
    const used = () => {
      gc();
      const m = process.memoryUsage();
      return m.arrayBuffers + m.external;
    };
    await one();
    const before = used();
    await Promise.all(Array.from({ length: 12 }, one));
    const grown = (used() - before) / 1024 / 1024;
    console.log(`buffer memory after 12 calls on 512x512: +${grown.toFixed(1)} MB (the issue measured ~490 MB)`);
    expect(grown).toBeLessThan(48);
    configureV2Shim({ backend: 'local' });
  });
});
