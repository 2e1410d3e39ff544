/** One `novita-migrate shim serve` replica: the built CLI in a child process (npm run build first). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const CLI = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

export interface Replica {
  child: ChildProcess;
  /** Resolves with the listening URL; rejects if the process exits first. */
  url: Promise<string>;
  exited: Promise<number | null>;
  output(): string;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startReplica(args: string[], env: NodeJS.ProcessEnv = {}): Replica {
  const child = spawn(process.execPath, [CLI, 'shim', 'serve', '--port', '0', ...args], {
    env: { ...process.env, NOVITA_API_KEY: '', NOVITA_MIGRATE_STORE: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`shim serve exited with ${code}: ${out}`)));
  });
  url.catch(() => undefined);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    url,
    exited,
    output: () => out,
    kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface V2Reply {
  code: number;
  msg: string;
  data?: { task_id?: string; status?: number; imgs?: string[] };
}

export async function tinyPngBase64(side = 8): Promise<string> {
  return (await sharp({ create: { width: side, height: side, channels: 3, background: '#336699' } }).png().toBuffer()).toString('base64');
}

export async function submit(base: string, body: object, headers: Record<string, string> = {}): Promise<V2Reply> {
  const res = await fetch(`${base}/v2/upscale`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return (await res.json()) as V2Reply;
}

export async function progress(base: string, taskId: string): Promise<V2Reply> {
  const res = await fetch(`${base}/v2/progress?task_id=${encodeURIComponent(taskId)}`);
  return (await res.json()) as V2Reply;
}

/** Polls until the task ends (status 2, 3 or 4); the test's own timeout bounds it. */
export async function pollToEnd(bases: string[], taskId: string): Promise<V2Reply> {
  for (let i = 0; ; i++) {
    const reply = await progress(bases[i % bases.length]!, taskId);
    if (reply.code === 0 && (reply.data?.status ?? 0) >= 2) return reply;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits for a condition, polling (no timed assertion: the test timeout is the bound). */
export async function until(check: () => Promise<boolean> | boolean, everyMs = 100): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, everyMs));
}

/** A real redis-server, a gated fake V3, and two `shim serve --store redis` replicas on them, for one test file. */
export interface TwoReplicaCluster {
  redis: import('./redis-server.js').TestRedis;
  v3: import('./gated-v3.js').GatedV3;
  a: Replica;
  b: Replica;
  urlA: string;
  urlB: string;
  close(): Promise<void>;
}

export async function startTwoReplicas(extraArgs: readonly string[]): Promise<TwoReplicaCluster> {
  const { startRedis } = await import('./redis-server.js');
  const { startGatedV3 } = await import('./gated-v3.js');
  const redis = await startRedis();
  const v3 = await startGatedV3(16);
  const args = ['--backend', 'novita', '--upstream', v3.url, '--store', redis.url, '--job-lock-ms', '3000', ...extraArgs];
  const env = { NOVITA_API_KEY: 'gated-key' };
  const [a, b] = [startReplica(args, env), startReplica(args, env)];
  const [urlA, urlB] = await Promise.all([a.url, b.url]);
  return {
    redis, v3, a, b, urlA, urlB,
    async close() {
      await Promise.all([a, b].map((r) => r.kill('SIGKILL')));
      await v3.close();
      await redis.close();
    },
  };
}
