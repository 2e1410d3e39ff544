/**
 * The shim's local image path, side by side in one run with
 *   - "sharp (before)": the path the shim had before the PIL port, sharp
 *     `lanczos3` + the closed-form nearest + sharp PNG at level 6,
 *   - "PIL": A1111's own steps on Pillow (when Debian's python3-pil is there).
 * Cases: 512x512 -> 2048x2048 Lanczos end to end (base64 PNG in, PNG out),
 * the same with a Nearest second upscaler blended at 0.5, and 10 concurrent
 * 2048x2048 tasks. Each path runs in its own process, so its peak RSS is its
 * own. CPU is process CPU time (all threads): a busy machine inflates wall
 * time far more than CPU time. Then the phases (resize, blend, PNG encode).
 * Run after a build: `node bench/shim-pipeline.mjs` (BENCH_N runs per case, median).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const dist = (p) => join(ROOT, 'dist/src/shim', p);
const N = Number(process.env.BENCH_N ?? 7);
const WARMUP = 3;
const PYTHON = '/usr/bin/python3';
const TARGETS = { lanczosMs: 150, lanczosRatio: 2.5, blendMs: 250 };

const CASES = {
  lanczos: { label: '512 -> 2048 Lanczos, end to end', body: { upscaler_1: 'Lanczos', upscaling_resize: 4 } },
  blend: { label: '512 -> 2048 Lanczos + Nearest blend 0.5', body: { upscaler_1: 'Lanczos', upscaler_2: 'Nearest', extras_upscaler_2_visibility: 0.5, upscaling_resize: 4 } },
};

async function testImage(side) {
  const data = Buffer.alloc(side * side * 3);
  for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
  return (await sharp(data, { raw: { width: side, height: side, channels: 3 } }).png().toBuffer()).toString('base64');
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ms = (t) => Number(process.hrtime.bigint() - t) / 1e6;

/** The shim before the port: sharp for Lanczos and PNG (level 6), nearest as floor((x + 0.5) * W / w). */
async function sharpBefore(body) {
  const { blend } = await import(dist('image/blend.js'));
  const raw = (img) => ({ raw: { width: img.width, height: img.height, channels: 3 } });
  const { data, info } = await sharp(Buffer.from(body.image, 'base64')).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  const src = { width: info.width, height: info.height, data };
  const w = Math.trunc(src.width * body.upscaling_resize);
  const h = Math.trunc(src.height * body.upscaling_resize);
  let out = { width: w, height: h, data: await sharp(src.data, raw(src)).resize(w, h, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer() };
  if (body.upscaler_2) {
    const near = Buffer.alloc(w * h * 3);
    for (let y = 0; y < h; y++) {
      const sy = Math.min(src.height - 1, Math.floor(((y + 0.5) * src.height) / h));
      for (let x = 0; x < w; x++) {
        const sx = Math.min(src.width - 1, Math.floor(((x + 0.5) * src.width) / w));
        src.data.copy(near, (y * w + x) * 3, (sy * src.width + sx) * 3, (sy * src.width + sx) * 3 + 3);
      }
    }
    out = blend(out, { width: w, height: h, data: near }, body.extras_upscaler_2_visibility);
  }
  return sharp(out.data, raw(out)).png().toBuffer();
}

/** One path, in this (child) process: times per run, peak RSS. */
async function child(path, caseName, concurrent) {
  const body = { image: await testImage(512), ...CASES[caseName].body };
  let run;
  if (path === 'shim') {
    const { createV2Client } = await import(dist('v2-client.js'));
    const client = createV2Client({ backend: 'local' });
    run = async () => {
      const r = await client.upscaleSync(body);
      if (r.data.status !== 2) throw new Error(`status ${r.data.status} ${r.data.failed_reason}`);
      return r;
    };
  } else run = () => sharpBefore(body);
  // Warm-up, the same for every path: worker start-up, WebAssembly tier-up
  // (Liftoff, then TurboFan in the background) and the buffer pool's first
  // pages; a server runs in this steady state. One run left the first timed
  // runs at up to 3x the CPU of the rest.
  for (let i = 0; i < WARMUP; i++) await run();
  const times = [];
  if (concurrent) {
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
    const t = process.hrtime.bigint();
    await Promise.all(Array.from({ length: concurrent }, run));
    times.push(ms(t));
    clearInterval(timer);
    peak = Math.max(peak, process.memoryUsage().rss);
    return { times, maxRssKb: process.resourceUsage().maxRSS, perTaskMb: (peak - rssBefore) / 1048576 / concurrent };
  }
  const cpu = [];
  for (let i = 0; i < N; i++) {
    const t = process.hrtime.bigint();
    const c = process.cpuUsage();
    await run();
    times.push(ms(t));
    const used = process.cpuUsage(c); // all threads: the image workers too
    cpu.push((used.user + used.system) / 1000);
  }
  return { times, cpu, maxRssKb: process.resourceUsage().maxRSS };
}

const PIL_SCRIPT = String.raw`
import base64, io, json, resource, sys, time
from PIL import Image
LANCZOS = Image.Resampling.LANCZOS if hasattr(Image, "Resampling") else Image.LANCZOS
NEAREST = Image.Resampling.NEAREST if hasattr(Image, "Resampling") else Image.NEAREST
body, n = json.loads(sys.stdin.read()), int(sys.argv[1])
def upscale(img, resample, s):
    out = img.resize((int(img.width * s), int(img.height * s)), resample=resample)
    dest = (int(img.width * s // 8 * 8), int(img.height * s // 8 * 8))
    return out if out.size == dest else out.resize(dest, resample=LANCZOS)
def run():
    img = Image.open(io.BytesIO(base64.b64decode(body["image"]))).convert("RGB")
    out = upscale(img, LANCZOS, body["upscaling_resize"])
    if body.get("upscaler_2"):
        out = Image.blend(out, upscale(img, NEAREST, body["upscaling_resize"]), body["extras_upscaler_2_visibility"])
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()
run()
times, cpu = [], []
for _ in range(n):
    t, c = time.perf_counter(), time.process_time()
    run()
    times.append((time.perf_counter() - t) * 1000)
    cpu.append((time.process_time() - c) * 1000)
print(json.dumps({"times": times, "cpu": cpu, "maxRssKb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}))
`;

function pilAvailable() {
  return existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import PIL'], { stdio: 'ignore' }).status === 0;
}

async function runPath(path, caseName, concurrent = 0) {
  let r;
  if (path === 'pil') {
    const body = { image: await testImage(512), ...CASES[caseName].body };
    r = spawnSync(PYTHON, ['-c', PIL_SCRIPT, String(N)], { input: JSON.stringify(body), encoding: 'utf8', maxBuffer: 1 << 26 });
  } else {
    r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', path, caseName, String(concurrent)], { encoding: 'utf8', maxBuffer: 1 << 26 });
  }
  if (r.status !== 0) throw new Error(`${path} ${caseName}: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Phases one at a time, in this process (median of N): wall and process CPU (all threads). */
async function phases() {
  const { resizeLanczos } = await import(dist('image/resize.js'));
  const { encodePng } = await import(dist('image/encode.js'));
  const { blend } = await import(dist('image/blend.js'));
  const { decodeImage } = await import(dist('image/decode.js'));
  const { releaseImage } = await import(dist('image/image-buffers.js'));
  const input = await testImage(512);
  const { data } = await sharp(Buffer.from(input, 'base64')).raw().toBuffer({ resolveWithObject: true });
  const src = { width: 512, height: 512, data };
  const big = await resizeLanczos(src, 2048, 2048);
  const raw = { raw: { width: 2048, height: 2048, channels: 3 } };
  const rows = [
    ['decode 512x512 PNG from base64 (sharp)', () => decodeImage(input)],
    ['resize 512->2048, PIL port (WebAssembly SIMD, pooled output)', () => releaseImage(resizeLanczos(src, 2048, 2048))],
    ['resize 512->2048, sharp lanczos3 (before)', () => sharp(data, { raw: { width: 512, height: 512, channels: 3 } }).resize(2048, 2048, { kernel: 'lanczos3', fit: 'fill' }).raw().toBuffer()],
    ['blend 2048x2048 (PIL Image.blend, pooled output)', () => releaseImage(blend(big, big, 0.5))],
    ['PNG 2048x2048, strip-parallel (default: level 1, WASM deflate)', () => encodePng(big)],
    ['PNG 2048x2048, strip-parallel, level 6 (zlib)', () => encodePng(big, { compressionLevel: 6 })],
    ['PNG 2048x2048, sharp level 6 (before)', () => sharp(big.data, raw).png().toBuffer()],
    ['PNG 2048x2048, sharp level 1', () => sharp(big.data, raw).png({ compressionLevel: 1 }).toBuffer()],
    ['fresh 10 MB Buffer, written once (page faults)', () => Buffer.allocUnsafe(10 << 20).fill(1)],
    ['the same 10 MB written again (pages mapped)', ((b) => () => b.fill(2))(Buffer.allocUnsafe(10 << 20).fill(1))],
  ];
  console.log(`\nphases (median of ${N}; CPU: all threads)${' '.repeat(30)}     ms    CPU`);
  for (const [label, fn] of rows) {
    const out = await fn();
    const times = [];
    const cpu = [];
    for (let i = 0; i < N; i++) {
      const t = process.hrtime.bigint();
      const c = process.cpuUsage();
      await fn();
      times.push(ms(t));
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const size = Buffer.isBuffer(out) && out.length < big.data.length && out.length !== 10 << 20 ? `  ${(out.length / 1e6).toFixed(2)} MB` : '';
    console.log(`  ${label.padEnd(66)} ${median(times).toFixed(0).padStart(6)} ${median(cpu).toFixed(0).padStart(6)}${size}`);
  }
}

async function main() {
  const pil = pilAvailable();
  const paths = ['shim', 'sharp', ...(pil ? ['pil'] : [])];
  const names = { shim: 'shim (PIL port, fast PNG)', sharp: 'sharp (before)', pil: 'PIL (python3-pil)' };
  console.log(`shim local image path (backend "local"), median of ${N}; each path in its own process`);
  if (!pil) console.log('PIL: skipped (apt-get install python3-pil for the /usr/bin/python3 column)');
  console.log(`${'case'.padEnd(42)} ${'path'.padEnd(26)} ${'median'.padStart(8)} ${'vs shim'.padStart(8)} ${'CPU'.padStart(8)} ${'peak RSS'.padStart(9)}`);
  const medians = {};
  for (const caseName of Object.keys(CASES)) {
    for (const path of paths) {
      const r = await runPath(path, caseName);
      const m = median(r.times);
      medians[`${caseName}:${path}`] = m;
      const ratio = path === 'shim' ? '' : `${(m / medians[`${caseName}:shim`]).toFixed(2)}x`;
      const cpu = `${median(r.cpu).toFixed(0)} ms`;
      console.log(`${CASES[caseName].label.padEnd(42)} ${names[path].padEnd(26)} ${`${m.toFixed(0)} ms`.padStart(8)} ${ratio.padStart(8)} ${cpu.padStart(8)} ${`${Math.round(r.maxRssKb / 1024)} MB`.padStart(9)}`);
    }
  }
  for (const path of ['shim', 'sharp']) {
    const r = await runPath(path, 'blend', 10);
    console.log(`${'10 concurrent 2048x2048 tasks (with blend)'.padEnd(42)} ${names[path].padEnd(26)} ${`${r.times[0].toFixed(0)} ms`.padStart(8)} ${''.padStart(8)} ${''.padStart(8)} ${`${Math.round(r.maxRssKb / 1024)} MB`.padStart(9)}  ~${r.perTaskMb.toFixed(0)} MB per task above idle (results held)`);
  }
  const l = medians['lanczos:shim'];
  const ratio = medians['lanczos:sharp'] / l;
  const b = medians['blend:shim'];
  const ok = (cond) => (cond ? 'OK' : 'MISSED');
  console.log(`\ntargets: Lanczos end to end ${l.toFixed(0)} ms <= ${TARGETS.lanczosMs} ${ok(l <= TARGETS.lanczosMs)}; ${ratio.toFixed(2)}x faster than sharp >= ${TARGETS.lanczosRatio} ${ok(ratio >= TARGETS.lanczosRatio)}; blend ${b.toFixed(0)} ms <= ${TARGETS.blendMs} ${ok(b <= TARGETS.blendMs)}`);
  await phases();
}

if (process.argv[2] === '--child') {
  const [path, caseName, concurrent] = process.argv.slice(3);
  console.log(JSON.stringify(await child(path, caseName, Number(concurrent))));
} else {
  await main();
}
