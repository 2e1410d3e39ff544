import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeSource } from '../../src/engine/analyze.js';
import { createCrossFileResolver } from '../../src/engine/resolver.js';
import type { FileAnalysis } from '../../src/engine/types.js';

function analyze(code: string, file = '/virtual/file.ts'): FileAnalysis {
  const result = analyzeSource(code, file, { resolver: createCrossFileResolver() });
  if ('failure' in result) throw new Error(result.failure.message);
  return result;
}
const sites = (code: string, file?: string) => analyze(code, file).callSites.map((s) => [s.endpoint, s.client]);

describe('detection: clients', () => {
  it.each([
    ['global fetch', `fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: '{}' })`, 'fetch'],
    ['globalThis.fetch', `globalThis.fetch('https://api.novita.ai/v2/upscale')`, 'fetch'],
    ['node-fetch', `import fetch from 'node-fetch'; fetch('https://api.novita.ai/v2/upscale')`, 'fetch'],
    ['undici fetch', `import { fetch } from 'undici'; fetch('https://api.novita.ai/v2/upscale')`, 'fetch'],
    ['undici request', `import { request } from 'undici'; request('https://api.novita.ai/v2/upscale', { method: 'POST' })`, 'fetch'],
    ['axios.post', `import axios from 'axios'; axios.post('https://api.novita.ai/v2/upscale', {})`, 'axios'],
    ['axios(config)', `import axios from 'axios'; axios({ url: 'https://api.novita.ai/v2/upscale', method: 'post', data: {} })`, 'axios'],
    ['axios(url, config)', `const axios = require('axios'); axios('https://api.novita.ai/v2/upscale', { method: 'post' })`, 'axios'],
    ['axios.request', `import axios from 'axios'; axios.request({ url: '/v2/upscale', baseURL: 'https://api.novita.ai' })`, 'axios'],
    ['axios instance', `import axios from 'axios'; const api = axios.create({ baseURL: 'https://api.novita.ai' }); api.post('/v2/upscale', {})`, 'axios'],
    ['got.post', `import got from 'got'; got.post('https://api.novita.ai/v2/upscale', { json: {} })`, 'got'],
    ['got(url, opts)', `import got from 'got'; got('https://api.novita.ai/v2/upscale', { method: 'POST', json: {} })`, 'got'],
    ['ky.post', `import ky from 'ky'; ky.post('https://api.novita.ai/v2/upscale', { json: {} })`, 'ky'],
    ['ky.create prefixUrl', `import ky from 'ky'; const k = ky.create({ prefixUrl: 'https://api.novita.ai' }); k.post('v2/upscale', { json: {} })`, 'ky'],
    ['superagent chain', `import request from 'superagent'; request.post('https://api.novita.ai/v2/upscale').set('a', 'b').send({})`, 'superagent'],
    ['XMLHttpRequest', `const x = new XMLHttpRequest(); x.open('POST', 'https://api.novita.ai/v2/upscale'); x.send('{}')`, 'xhr'],
    ['wrapper with url', `function post(u: string, b: unknown) {} post('https://api.novita.ai/v2/upscale', { image: 'x' })`, 'wrapper'],
    ['wrapper with {url, data}', `declare const sdk: any; sdk.httpFetch({ url: '/v2/upscale', method: 'POST', data: {} })`, 'wrapper'],
    ['SDK class', `import { NovitaSDK } from 'novita-sdk'; const s = new NovitaSDK('k'); s.upscale({ image: 'x' })`, 'novita-sdk'],
    ['SDK class field', `import { NovitaSDK } from 'novita-sdk'; class W { sdk = new NovitaSDK('k'); go() { return this.sdk.upscaleSync({ image: 'x' }) } }`, 'novita-sdk'],
    ['SDK functional', `import { upscale } from 'novita-sdk'; upscale({ image: 'x' })`, 'novita-sdk'],
    ['SDK require', `const { upscaleSync } = require('novita-sdk'); upscaleSync({ image: 'x' })`, 'novita-sdk'],
  ])('finds %s', (_label, code, client) => {
    expect(sites(code)).toEqual([['upscale', client]]);
  });

  it('finds progress calls through the SDK and URLs', () => {
    expect(sites(`import { progress } from 'novita-sdk'; progress({ task_id: 'x' })`)).toEqual([['progress', 'novita-sdk']]);
    expect(sites('fetch(`https://api.novita.ai/v2/progress?task_id=${id}`)')).toEqual([['progress', 'fetch']]);
  });
});

describe('detection: URLs', () => {
  it.each([
    ['template with const base', "const B = 'https://api.novita.ai'; fetch(`${B}/v2/upscale`)"],
    ['concatenation', "const B = 'https://api.novita.ai/v2'; fetch(B + '/upscale')"],
    ['object member', "const E = { up: 'https://api.novita.ai/v2/upscale' }; fetch(E.up)"],
    ['parameter default', "function go(url = 'https://api.novita.ai/v2/upscale') { return fetch(url) }"],
    ['new URL(path, base)', "fetch(new URL('/v2/upscale', 'https://api.novita.ai'))"],
    ['new URL(...).toString()', "fetch(new URL('/v2/upscale', 'https://api.novita.ai').toString())"],
    ['predecessor host', "fetch('https://api.omniinfer.io/v2/upscale')"],
    ['relative with unknown base', "fetch(`${process.env.BASE}/v2/upscale`)"],
    ['env fallback', "fetch((process.env.NOVITA ?? 'https://api.novita.ai') + '/v2/upscale')"],
  ])('resolves %s', (_label, code) => {
    expect(sites(code)).toEqual([['upscale', 'fetch']]);
  });

  it('resolves constants imported across files, through an index re-export', () => {
    const file = new URL('../../__fixtures__/sample-app/src/api/upscale-fetch.ts', import.meta.url).pathname;
    const a = analyze(readFileSync(file, 'utf8'), file);
    expect(a.callSites.map((s) => s.url)).toEqual(['https://api.novita.ai/v2/upscale', 'https://api.novita.ai/v2/upscale']);
  });

  it('resolves tsconfig path aliases through TypeScript module resolution', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'nm-alias-'));
    mkdirSync(join(dir, 'src/config'), { recursive: true });
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ compilerOptions: { baseUrl: '.', paths: { '@config/*': ['src/config/*'] } } }));
    writeFileSync(join(dir, 'src/config/urls.ts'), "export const UPSCALE = 'https://api.novita.ai/v2/upscale';\n");
    const file = join(dir, 'src/app.ts');
    const code = "import { UPSCALE } from '@config/urls';\nfetch(UPSCALE, { method: 'POST' });\n";
    writeFileSync(file, code);
    expect(sites(code, file)).toEqual([['upscale', 'fetch']]);
  });
});

describe('detection: never reports what is not a Novita V2 call', () => {
  it.each([
    ['another host', "fetch('https://mj-proxy.example.net/v2/upscale', { method: 'POST' })"],
    ['RapidAPI', "fetch('https://some-upscaler.p.rapidapi.com/v2/upscale')"],
    ['an axios instance of another host', "import axios from 'axios'; const a = axios.create({ baseURL: 'https://upscale.media' }); a.post('/v2/upscale', {})"],
    ['A1111 local extras', "fetch('http://127.0.0.1:7860/sdapi/v1/extra-single-image', { body: JSON.stringify({ upscaler_1: 'R-ESRGAN 4x+', gfpgan_visibility: 1 }) })"],
    ['an express route', "app.post('/v2/upscale', (req, res) => res.json({}))"],
    ['a route with a named handler', "function h() {} router.get('/v2/progress', h)"],
    ['a fastify route object', "fastify.route({ method: 'POST', url: '/v2/upscale', handler: async () => ({}) })"],
    ['a log line', "console.log('calling https://api.novita.ai/v2/upscale')"],
    ['a logger with a path', "logger.info('/v2/upscale')"],
    ['a comment', '// fetch("https://api.novita.ai/v2/upscale")\nconst x = 1;'],
    ['a string check', "if (url.includes('/v2/upscale')) {}"],
    ['a V3 call', "fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST' })"],
    ['a V2 txt2img call', "fetch('https://api.novita.ai/v2/txt2img', { method: 'POST' })"],
    // Same path, unknown base, and nothing V2 in what is sent: another service's API.
    ['another service under an unknown base (body)', "import axios from 'axios'; export async function up(base, imageUrl, quality) { return axios.post(`${base}/v2/upscale/`, { imageUrl, quality }) }"],
    ['another service under an unknown base (query)', "export const poll = (base, id) => fetch(`${base}/v2/progress?orderId=${id}`)"],
  ])('ignores %s', (_label, code) => {
    expect(sites(code)).toEqual([]);
  });
});

describe('detection: an unknown base with a V2-shaped request is still Novita', () => {
  it.each([
    ['a V2 field in the body', "export const up = (base, image) => fetch(`${base}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image, upscaling_resize: 2 }) })", 'upscale'],
    ['a body that cannot be seen', "export const up = (base, params) => fetch(`${base}/v2/upscale`, { method: 'POST', body: JSON.stringify(params) })", 'upscale'],
    ['a body with a spread', "export const up = (base, p) => fetch(`${base}/v2/upscale`, { method: 'POST', body: JSON.stringify({ ...p, imageUrl: 1 }) })", 'upscale'],
    ['a task_id query', "export const poll = (base, id) => fetch(`${base}/v2/progress?task_id=${id}`)", 'progress'],
    ['a query key built at run time', "export const poll = (base, k, id) => fetch(`${base}/v2/progress?${k}=${id}`)", 'progress'],
    ['a foreign body on a Novita host (a broken V2 call)', "fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ imageUrl: 'x' }) })", 'upscale'],
  ])('finds %s', (_label, code, endpoint) => {
    expect(sites(code).map(([e]) => e)).toEqual([endpoint]);
  });
});

describe('detection: bodies', () => {
  const body = (code: string) => {
    const site = analyze(code).callSites[0]!;
    return Object.fromEntries(site.body!.properties.map((p) => [p.name, p.known ? p.value : p.conditional ? '<conditional>' : '<unknown>']));
  };

  it('reads inline, JSON.stringify-ed and variable bodies', () => {
    expect(body("fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify({ image: img, upscaling_resize: 2 }) })")).toEqual({ image: '<unknown>', upscaling_resize: 2 });
    expect(body("const p = { upscaler_1: 'Lanczos' }; fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify(p) })")).toEqual({ upscaler_1: 'Lanczos' });
  });

  it('reads bodies built up over statements, marking conditional ones', () => {
    const code = `const p: any = { image: 'x' };
p.upscaling_resize = 2;
if (face) { p.gfpgan_visibility = 0.5; }
fetch('https://api.novita.ai/v2/upscale', { body: JSON.stringify(p) })`;
    const site = analyze(code).callSites[0]!;
    const gf = site.body!.properties.find((p) => p.name === 'gfpgan_visibility')!;
    expect(gf).toMatchObject({ known: true, value: 0.5, conditional: true });
    expect(site.body!.properties.find((p) => p.name === 'upscaling_resize')).toMatchObject({ known: true, value: 2, conditional: false });
  });

  it('reads spreads of known objects and flags unknown ones', () => {
    const known = analyze("const B = { upscaler_2: 'Lanczos' }; import axios from 'axios'; axios.post('https://api.novita.ai/v2/upscale', { image: 'x', ...B })").callSites[0]!;
    expect(known.body!.properties.map((p) => p.name)).toEqual(['image', 'upscaler_2']);
    expect(known.body!.hasUnknownKeys).toBe(false);
    const unknown = analyze("import axios from 'axios'; axios.post('https://api.novita.ai/v2/upscale', { image: 'x', ...opts })").callSites[0]!;
    expect(unknown.body!.hasUnknownKeys).toBe(true);
  });

  it('reads got/ky json and superagent send', () => {
    expect(body("import got from 'got'; got.post('https://api.novita.ai/v2/upscale', { json: { upscaling_resize: 3 } })")).toEqual({ upscaling_resize: 3 });
    expect(body("import r from 'superagent'; r.post('https://api.novita.ai/v2/upscale').send({ upscaling_resize: 4 })")).toEqual({ upscaling_resize: 4 });
  });
});

describe('detection: response reads', () => {
  const reads = (code: string) => analyze(code).responseReads.map((r) => [r.v2Path, r.comparedStatus]);

  it('follows fetch → json() → data.task_id and code/msg checks', () => {
    expect(
      reads(`async function f() { const r = await fetch('https://api.novita.ai/v2/upscale'); const j = await r.json(); if (j.code !== 0) throw j.msg; return j.data.task_id }`),
    ).toEqual([['code', undefined], ['msg', undefined], ['data.task_id', undefined]]);
  });

  it('follows axios res.data, destructuring and progress status comparisons', () => {
    expect(reads(`import axios from 'axios'; async function f() { const { data } = await axios.get('https://api.novita.ai/v2/progress?task_id=1'); if (data.data.status === 2) return data.data.imgs }`)).toEqual([
      ['data.status', 2],
      ['data.imgs', undefined],
    ]);
    expect(reads(`import axios from 'axios'; async function f() { const { data: { data: { task_id } } } = await axios.post('https://api.novita.ai/v2/upscale', {}); return task_id }`)).toEqual([
      ['data.task_id', undefined],
    ]);
  });

  it('follows .then chains and the SDK\'s unwrapped results', () => {
    expect(reads("fetch('https://api.novita.ai/v2/progress?task_id=1').then((r) => r.json()).then((j) => j.data.failed_reason)")).toEqual([['data.failed_reason', undefined]]);
    expect(reads("import { NovitaSDK } from 'novita-sdk'; async function f() { const s = new NovitaSDK('k'); const p = await s.progress({ task_id: '1' }); return p.status === 3 }")).toEqual([['data.status', 3]]);
  });

  it('does not report reads of unrelated objects', () => {
    expect(reads("const j = { code: 0, data: { task_id: 1 } }; console.log(j.code, j.data.task_id)")).toEqual([]);
  });
});

describe('detection: task flows name the id they could not follow', () => {
  it('names the task id variable, not the client of the call that produced it', () => {
    const code = `import axios from 'axios';
export function* saga() {
  const response = yield call(() => axios.post('https://api.novita.ai/v2/txt2img', { prompt: 'x' }));
  const taskId = response.data.data.task_id;
  yield call(() => axios.get(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`));
}`;
    const a = analyze(code, '/virtual/saga.js');
    const [poll] = a.callSites;
    expect(a.flows?.get(poll!)).toMatchObject({ kind: 'open', otherTask: 'txt2img', reason: expect.stringContaining('its id `taskId` comes from `/v2/txt2img`') });
  });

  it('names the variable when its source is unknown, and claims no other task type', () => {
    const code = `export async function f(load) {
  const job = await load();
  const taskId = job.data.task_id;
  return fetch(\`https://api.novita.ai/v2/progress?task_id=\${taskId}\`);
}`;
    const a = analyze(code, '/virtual/unknown.js');
    expect(a.flows?.get(a.callSites[0]!)).toEqual({ kind: 'open', reason: 'the task id `taskId` does not come from an upscale submit in this function' });
  });
});
