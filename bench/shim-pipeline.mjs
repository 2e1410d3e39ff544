/**
 * The shim's local pipeline: 512x512 -> 2048x2048 with Lanczos, and with
 * Lanczos + a blended second upscaler (Nearest), and the peak memory of 10
 * concurrent 2048x2048 tasks. Run after a build: `node bench/shim-pipeline.mjs`.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import sharp from 'sharp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const { createV2Client } = await import(join(ROOT, 'dist/src/shim/v2-client.js'));
const N = Number(process.env.BENCH_N ?? 5);

async function testImage(side) {
  const data = Buffer.alloc(side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return (await sharp(data, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer()).toString('base64');
}

async function timeIt(label, body) {
  const client = createV2Client({ backend: 'local' });
  await client.upscaleSync(body); // warm-up
  const times = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    const r = await client.upscaleSync(body);
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (r.data.status !== 2) throw new Error(`${label}: status ${r.data.status} ${r.data.failed_reason}`);
  }
  client.close();
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(44)} median ${times[Math.floor(times.length / 2)].toFixed(0).padStart(5)} ms   (n=${N})`);
}

const image512 = await testImage(512);
console.log('shim local pipeline (backend "local": AI passes are Lanczos)');
await timeIt('512x512 -> 2048x2048, Lanczos', { image: image512, upscaler_1: 'Lanczos', upscaling_resize: 4 });
await timeIt('512x512 -> 2048x2048, Lanczos + Nearest blend', { image: image512, upscaler_1: 'Lanczos', upscaler_2: 'Nearest', extras_upscaler_2_visibility: 0.5, upscaling_resize: 4 });
await timeIt('512x512 -> 2048x2048, R-ESRGAN 4x+ (local)', { image: image512, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 4 });

// Peak memory: 10 concurrent tasks producing 2048x2048 each.
const client = createV2Client({ backend: 'local' });
const before = process.memoryUsage().rss;
let peak = before;
const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const t = process.hrtime.bigint();
await Promise.all(Array.from({ length: 10 }, () => client.upscaleSync({ image: image512, upscaler_1: 'Lanczos', upscaler_2: 'Nearest', extras_upscaler_2_visibility: 0.5, upscaling_resize: 4 })));
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
console.log(`10 concurrent 2048x2048 tasks (with blend): ${(Number(process.hrtime.bigint() - t) / 1e6).toFixed(0)} ms, peak RSS ${(peak / 1048576).toFixed(0)} MB (${((peak - before) / 1048576).toFixed(0)} MB above idle; results held in the store)`);
client.close();
