/**
 * The shim's own overhead per V2 request, against an instant fake V3 (it
 * answers every call at once with a ready-made result). Compares:
 *   raw V3      submit + poll + download straight to the fake (the floor)
 *   backend     the novita backend: PNG encode, the same V3 calls, decode
 *   shim serve  a V2 client over HTTP: POST /v2/upscale, poll /v2/progress,
 *               GET the result image (needs createV2Client)
 * Run after a build: `node bench/shim-overhead.mjs` (BENCH_N requests each).
 */
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import sharp from 'sharp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => join(ROOT, 'dist/src/shim', p);
const N = Number(process.env.BENCH_N ?? 30);
const SIDE = Number(process.env.BENCH_SIDE ?? 512);
const KEY = 'bench-key';

/** An instant V3: every task is SUCCEED on the first poll; the image is precomputed. */
async function startInstantV3(resultPng) {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const url = new URL(req.url, 'http://x');
      if (url.pathname === '/v3/async/upscale') return json(res, { task_id: 't' });
      if (url.pathname === '/v3/async/task-result') {
        return json(res, { task: { task_id: 't', status: 'TASK_STATUS_SUCCEED', reason: '' }, images: [{ image_url: `${base}/img.png` }] });
      }
      if (url.pathname === '/img.png') {
        res.writeHead(200, { 'content-type': 'image/png', 'content-length': resultPng.length });
        return res.end(resultPng);
      }
      res.writeHead(404).end();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { url: base, close: () => new Promise((r) => server.close(r)) };
}

function json(res, body) {
  const text = JSON.stringify(body);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

async function time(label, fn) {
  await fn(); // warm-up
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    await fn();
    samples.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p90 = samples[Math.floor(samples.length * 0.9)];
  console.log(`${label.padEnd(34)} median ${median.toFixed(2).padStart(8)} ms   p90 ${p90.toFixed(2).padStart(8)} ms`);
  return median;
}

/** A smooth gradient with texture: compresses like a photo, not like a flat fill. */
function gradient(side) {
  const data = Buffer.alloc(side * side * 3);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const i = (y * side + x) * 3;
      data[i] = (x * 255) / side;
      data[i + 1] = (y * 255) / side;
      data[i + 2] = ((x ^ y) & 15) * 8;
    }
  }
  return { width: side, height: side, data };
}
const input = gradient(SIDE);
const inputPng = await sharp(input.data, { raw: { width: SIDE, height: SIDE, channels: 3 } }).png().toBuffer();
const big = gradient(SIDE * 2);
const resultPng = await sharp(big.data, { raw: { width: big.width, height: big.height, channels: 3 } }).png().toBuffer();
const v3 = await startInstantV3(resultPng);
console.log(`shim overhead per request, ${SIDE}x${SIDE} -> ${SIDE * 2}x${SIDE * 2}, instant fake V3, N=${N}`);

const auth = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const rawV3 = await time('raw V3 (submit, poll, download)', async () => {
  const body = JSON.stringify({ request: { model_name: 'RealESRNet_x4plus', image_base64: inputPng.toString('base64'), scale_factor: 2 } });
  const { task_id } = await (await fetch(`${v3.url}/v3/async/upscale`, { method: 'POST', headers: auth, body })).json();
  const result = await (await fetch(`${v3.url}/v3/async/task-result?task_id=${task_id}`, { headers: auth })).json();
  await (await fetch(result.images[0].image_url)).arrayBuffer();
});

const { createNovitaBackend } = await import(dist('novita-backend.js'));
const backend = createNovitaBackend({ upstream: v3.url, apiKey: KEY, pollIntervalMs: 1 });
const viaBackend = await time('novita backend (encode..decode)', () => backend.upscale(input, 'RealESRNet_x4plus', 2, { warn() {} }));
console.log(`  backend overhead over raw V3: ${(viaBackend - rawV3).toFixed(2)} ms`);

if (existsSync(dist('v2-client.js'))) {
  const { startShimServer } = await import(dist('server.js'));
  const shim = await startShimServer({ port: 0, apiKey: KEY, backend, upstream: v3.url });
  const v2Body = JSON.stringify({ image: inputPng.toString('base64'), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
  const viaServer = await time('shim serve (V2 over HTTP)', async () => {
    const up = await (await fetch(`${shim.url}/v2/upscale`, { method: 'POST', headers: auth, body: v2Body })).json();
    if (up.code !== 0) throw new Error(`upscale answered code ${up.code}: ${up.msg}`);
    for (;;) {
      const p = await (await fetch(`${shim.url}/v2/progress?task_id=${up.data.task_id}`)).json();
      if (p.data?.status === 2) {
        await (await fetch(p.data.imgs[0])).arrayBuffer();
        break;
      }
      if (p.code !== 0 || p.data.status > 2) throw new Error(`task ended with code ${p.code} status ${p.data?.status}`);
      await new Promise((r) => setTimeout(r, 1));
    }
  });
  console.log(`  shim serve overhead over raw V3: ${(viaServer - rawV3).toFixed(2)} ms (pipeline, PNG encode/decode, HTTP)`);
  // The HTTP layer alone: one V2 round trip that does no image work.
  await time('shim serve: one /v2/progress trip', () => fetch(`${shim.url}/v2/progress?task_id=none`).then((r) => r.json()));
  // In-process: the fetch shim answering the same V2 calls without a socket.
  const { createShimFetch } = await import(dist('fetch-shim.js'));
  const shimFetch = createShimFetch({ apiKey: KEY, backend, resultBaseUrl: 'https://api.novita.ai/__bench/results' });
  await time('fetch shim: one /v2/progress call', () => shimFetch('https://api.novita.ai/v2/progress?task_id=none').then((r) => r.json()));
  await shimFetch.close();
  await shim.close();
} else {
  console.log('shim serve: skipped (src/shim/v2-client.ts is not built yet)');
}
await v3.close();
