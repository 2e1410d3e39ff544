/**
 * Runs one driver (an .mjs file that imports app modules, runs one flow and
 * prints one JSON line with the outcome) in a child `node --import preload`,
 * with the Novita hosts sent to the fake and its CA trusted.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FakeNovita } from './fake-novita.js';

export const PRELOAD_FILE = fileURLToPath(new URL('./preload.mjs', import.meta.url));
const DEFAULT_TIMEOUT_MS = 60_000;
/** Env vars a child must not inherit: proxies would take requests past the redirect. */
const DROPPED_ENV = ['HTTP_PROXY', 'HTTPS_PROXY', 'ALL_PROXY', 'NO_PROXY', 'NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'];

export interface RunDriverOptions {
  /** The child's working directory (e.g. an app copy). */
  cwd: string;
  /** Path of the driver .mjs (bare imports resolve from its own location). */
  driver: string;
  /** Arguments after the driver path (process.argv.slice(2) in the driver). */
  args?: readonly string[];
  /** Extra env for the child (applied last). */
  env?: Record<string, string | undefined>;
  fake: Pick<FakeNovita, 'port' | 'caFile' | 'apiKey'>;
  /** Killed (SIGKILL) after this long. Default 60 s. */
  timeoutMs?: number;
}

export interface DriverRun<T> {
  /** The last stdout line that parses as JSON; undefined if none. */
  result: T | undefined;
  stdout: string;
  stderr: string;
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  timedOut: boolean;
  durationMs: number;
}

export function runDriver<T = unknown>(options: RunDriverOptions): Promise<DriverRun<T>> {
  const env: Record<string, string | undefined> = { ...process.env };
  for (const name of Object.keys(env)) if (DROPPED_ENV.includes(name.toUpperCase())) delete env[name];
  Object.assign(env, {
    NODE_EXTRA_CA_CERTS: options.fake.caFile,
    NOVITA_FAKE_PORT: String(options.fake.port),
    NOVITA_API_KEY: options.fake.apiKey,
    // The sample app's api.omniinfer.io calls send X-Omni-Key from here.
    OMNI_KEY: options.fake.apiKey,
    ...options.env,
  });
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', pathToFileURL(PRELOAD_FILE).href, options.driver, ...(options.args ?? [])], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, options.timeoutMs ?? DEFAULT_TIMEOUT_MS);

  return new Promise((resolve) => {
    const finish = (exitCode: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer);
      if (timedOut) stderr += `\n[runDriver] killed after ${options.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms\n`;
      resolve({ result: lastJsonLine<T>(stdout), stdout, stderr, exitCode, signal, timedOut, durationMs: Date.now() - started });
    };
    child.once('error', (err) => {
      stderr += `\n[runDriver] ${err.message}\n`;
      finish(null, null);
    });
    // 'close' (not 'exit'): all output has been read.
    child.once('close', finish);
  });
}

function lastJsonLine<T>(stdout: string): T | undefined {
  const lines = stdout.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!.trim();
    if (!line.startsWith('{') && !line.startsWith('[')) continue;
    try {
      return JSON.parse(line) as T;
    } catch {
      // app output that only looks like JSON: keep looking
    }
  }
  return undefined;
}
