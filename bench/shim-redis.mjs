/**
 * `shim serve --store redis://…` numbers, in one run:
 *   throughput  200 small tasks (8x8 PNG, local backend) on one replica vs two
 *               (submits and polls spread over the replicas, as behind a load balancer)
 *   overhead    one task at a time, submit -> status 2, Redis store vs in-process
 * Starts its own redis-server (Debian package) on a free port. Run after a
 * build: `node bench/shim-redis.mjs` (BENCH_REDIS_TASKS, BENCH_REDIS_N).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'dist/src/cli/main.js');
const TASKS = Number(process.env.BENCH_REDIS_TASKS ?? 200);
const N = Number(process.env.BENCH_REDIS_N ?? 40);
const IN_FLIGHT = 32;

async function freePort() {
  const s = createServer();
  await new Promise((r) => s.listen(0, '127.0.0.1', r));
  const { port } = s.address();
  await new Promise((r) => s.close(r));
  return port;
}

async function startRedis() {
  const dir = mkdtempSync(join(tmpdir(), 'nm-bench-redis-'));
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: ['ignore', 'pipe', 'ignore'] });
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => (out += c) && out.includes('Ready to accept connections') && resolve());
    child.on('exit', (code) => reject(new Error(`redis-server exited with ${code}`)));
  });
  return { url: `redis://127.0.0.1:${port}/0`, close: () => (child.kill('SIGKILL'), rmSync(dir, { recursive: true, force: true })) };
}

function startReplica(args) {
  const child = spawn(process.execPath, [CLI, 'shim', 'serve', '--port', '0', '--backend', 'local', ...args], { env: { ...process.env, NOVITA_API_KEY: '', NOVITA_MIGRATE_STORE: '' }, stdio: ['ignore', 'pipe', 'ignore'] });
  const url = new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    child.on('exit', (code) => reject(new Error(`shim serve exited with ${code}`)));
  });
  const exited = new Promise((r) => child.on('exit', r));
  return { url, stop: () => (child.kill('SIGTERM'), exited) };
}

const image = (await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer()).toString('base64');
const body = JSON.stringify({ image, upscaling_resize: 2, img_expire_ttl: 60 });

/** Submit on one base, poll (every 5 ms) on the next, until the task ends. */
async function oneTask(bases, i) {
  const res = await fetch(`${bases[i % bases.length]}/v2/upscale`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const submitted = await res.json();
  if (submitted.code !== 0) throw new Error(`submit answered code ${submitted.code}: ${submitted.msg}`);
  for (let p = 0; ; p++) {
    const reply = await (await fetch(`${bases[(i + 1 + p) % bases.length]}/v2/progress?task_id=${submitted.data.task_id}`)).json();
    if (reply.code === 0 && reply.data.status >= 2) return reply.data.status;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function throughput(bases) {
  await oneTask(bases, 0); // warm-up
  let next = 0;
  let ok = 0;
  const started = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < TASKS) if ((await oneTask(bases, next++)) === 2) ok++;
  }));
  const ms = performance.now() - started;
  return { ms, perSecond: (TASKS / ms) * 1000, ok };
}

async function latency(bases) {
  await oneTask(bases, 0);
  const samples = [];
  for (let i = 0; i < N; i++) {
    const t = performance.now();
    await oneTask(bases, 0);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)];
}

/** Median time of one POST /v2/upscale and of one GET /v2/progress (the store's share of a request). */
async function requestTimes(base) {
  const submits = [];
  const polls = [];
  for (let i = 0; i < N; i++) {
    let t = performance.now();
    const submitted = await (await fetch(`${base}/v2/upscale`, { method: 'POST', headers: { 'content-type': 'application/json' }, body })).json();
    submits.push(performance.now() - t);
    t = performance.now();
    await (await fetch(`${base}/v2/progress?task_id=${submitted.data.task_id}`)).json();
    polls.push(performance.now() - t);
  }
  const median = (a) => a.sort((x, y) => x - y)[Math.floor(a.length / 2)];
  return { submit: median(submits), poll: median(polls) };
}

async function main() {
  if (spawnSync('sh', ['-c', 'command -v redis-server']).status !== 0) {
    console.log('shim Redis store: skipped (install redis-server: apt-get install -y redis-server)');
    return;
  }
  const redis = await startRedis();
  const started = [];
  try {
    console.log(`shim serve --store redis: ${TASKS} tasks (8x8 PNG, local backend, ${IN_FLIGHT} clients in flight, --concurrency 4 per replica)`);
    const memory = startReplica([]);
    const a = startReplica(['--store', redis.url]);
    const b = startReplica(['--store', redis.url]);
    started.push(memory, a, b);
    const [memoryUrl, urlA, urlB] = await Promise.all([memory.url, a.url, b.url]);
    // b idles during the one-replica run: its worker would otherwise take half the jobs.
    await b.stop();
    started.pop();
    const one = await throughput([urlA]);
    const b2 = startReplica(['--store', redis.url]);
    started.push(b2);
    const two = await throughput([urlA, await b2.url]);
    console.log(`  one replica   ${(one.ms / 1000).toFixed(2)} s  ${one.perSecond.toFixed(1)} tasks/s  (${one.ok}/${TASKS} at status 2)`);
    console.log(`  two replicas  ${(two.ms / 1000).toFixed(2)} s  ${two.perSecond.toFixed(1)} tasks/s  (${two.ok}/${TASKS} at status 2)  = ${(two.perSecond / one.perSecond).toFixed(2)}x (cores: ${(await import('node:os')).availableParallelism()})`);
    await b2.stop();
    started.pop();
    const inProcess = await latency([memoryUrl]);
    const redisStore = await latency([urlA]);
    console.log(`  per task, one at a time (submit -> status 2, median of ${N}): in-process ${inProcess.toFixed(1)} ms, Redis store ${redisStore.toFixed(1)} ms, overhead ${(redisStore - inProcess).toFixed(1)} ms`);
    const [memReq, redisReq] = [await requestTimes(memoryUrl), await requestTimes(urlA)];
    console.log(`  per request (median of ${N}): submit in-process ${memReq.submit.toFixed(2)} ms, Redis ${redisReq.submit.toFixed(2)} ms (+${(redisReq.submit - memReq.submit).toFixed(2)}); poll in-process ${memReq.poll.toFixed(2)} ms, Redis ${redisReq.poll.toFixed(2)} ms (+${(redisReq.poll - memReq.poll).toFixed(2)})`);
    void urlB;
  } finally {
    await Promise.all(started.map((r) => r.stop()));
    redis.close();
  }
}

await main();
