/**
 * V2 reference mode: the project's own V2-compatible server
 * (`novita-migrate shim serve --backend local`, from dist/) answers
 * `/v2/upscale`, `/v2/progress` and its result images, so ORIGINAL V2 code
 * can run and give the expected results. The fake proxies to it and
 * rewrites result URLs onto the Novita host the client called.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';

/** The shim server's result path (SHIM_SERVER_RESULT_PATH). */
export const V2_REFERENCE_RESULT_PATH = '/results';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));
const START_TIMEOUT_MS = 30_000;

export interface V2Reference {
  /** e.g. http://127.0.0.1:40123 */
  url: string;
  /** Forwards one request; `publicBase` (e.g. https://api.novita.ai) replaces the server's own address in result URLs. */
  forward(req: IncomingMessage, body: Buffer, res: ServerResponse, publicBase: string): Promise<void>;
  close(): Promise<void>;
}

export async function startV2Reference(apiKey: string): Promise<V2Reference> {
  if (!existsSync(CLI)) throw new Error(`V2 reference mode needs the built CLI (${CLI}): run \`npm run build\``);
  const child = spawn(process.execPath, [CLI, 'shim', 'serve', '--backend', 'local', '--port', '0'], {
    cwd: REPO_ROOT,
    // The key is the server-side key, so V2 callers that send none are served as V2 served them.
    env: { ...process.env, NOVITA_API_KEY: apiKey },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.once('exit', killOnExit);
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr = (stderr + s).slice(-4000)));

  let url: string;
  try {
    url = await listeningUrl(child, () => stderr);
  } catch (err) {
    child.kill('SIGKILL');
    process.off('exit', killOnExit);
    throw err;
  }
  const resultPrefix = `${url}${V2_REFERENCE_RESULT_PATH}/`;

  return {
    url,
    async forward(req, body, res, publicBase) {
      const upstream = await send(url, req, body);
      let payload = upstream.body;
      const type = upstream.headers['content-type'] ?? '';
      if (type.includes('json')) {
        // Only whole-string replacement: result URLs are the one place the server names itself.
        payload = Buffer.from(payload.toString('utf8').split(resultPrefix).join(`${publicBase}${V2_REFERENCE_RESULT_PATH}/`));
      }
      const { 'transfer-encoding': _chunked, ...headers } = upstream.headers;
      headers['content-length'] = String(payload.length);
      res.writeHead(upstream.status, headers);
      res.end(payload);
    },
    async close() {
      process.off('exit', killOnExit);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(force);
    },
  };
}

function listeningUrl(child: ChildProcess, stderr: () => string): Promise<string> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => fail(`no "listening" line within ${START_TIMEOUT_MS} ms`), START_TIMEOUT_MS);
    function fail(why: string): void {
      clearTimeout(timer);
      reject(new Error(`shim serve --backend local did not start: ${why}\n${stderr()}`));
    }
    child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      out += s;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code, signal) => fail(`exited (${code ?? signal})`));
    child.once('error', (err) => fail(err.message));
  });
}

interface Upstream {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function send(base: string, req: IncomingMessage, body: Buffer): Promise<Upstream> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === 'host' || name === 'connection' || name === 'keep-alive') continue;
    headers[name] = value;
  }
  if (body.length) headers['content-length'] = String(body.length);
  return new Promise((resolve, reject) => {
    const out = request(new URL(req.url ?? '/', base), { method: req.method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const flat: Record<string, string> = {};
        for (const [name, value] of Object.entries(res.headers)) if (typeof value === 'string') flat[name] = value;
        resolve({ status: res.statusCode ?? 502, headers: flat, body: Buffer.concat(chunks) });
      });
      res.on('error', reject);
    });
    out.on('error', reject);
    out.end(body.length ? body : undefined);
  });
}
