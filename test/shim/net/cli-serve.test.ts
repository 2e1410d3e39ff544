/**
 * `novita-migrate shim serve` as a user runs it: the built CLI in a child
 * process (build first: npx tsc -p tsconfig.build.json).
 */
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeV2Progress } from '../fake-v2-progress.js';

const CLI = fileURLToPath(new URL('../../../dist/src/cli/main.js', import.meta.url));

function startServe(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, [CLI, 'shim', 'serve', '--port', '0', ...args], {
    env: { ...process.env, NOVITA_API_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      const m = /novita-migrate shim listening on (http:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`shim serve exited with ${code}: ${stderr}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, url, exited, output: () => stdout + stderr };
}

describe('novita-migrate shim serve (built CLI)', () => {
  it('prints its address, answers V2, passes foreign ids to V2, keeps serving after bad input, stops on SIGTERM', async () => {
    const v2 = await startFakeV2Progress();
    const serve = startServe(['--backend', 'local'], { NOVITA_MIGRATE_V2_BASE_URL: v2.url });
    try {
      const url = await serve.url;
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const bad = await fetch(`${url}/v2/upscale`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'not json' });
      expect(((await bad.json()) as { code: number }).code).toBe(1);
      const unknown = await fetch(`${url}/v2/progress?task_id=nope`, { headers: { authorization: 'Bearer caller' } });
      expect(((await unknown.json()) as { code: number }).code).toBe(3);
      expect(v2.seen).toEqual([{ path: '/v2/progress?task_id=nope', authorization: 'Bearer caller', omniKey: undefined }]);
      serve.child.kill('SIGTERM');
      expect(await serve.exited).toBe(0);
    } finally {
      await v2.close();
    }
  });

  it('stops on SIGINT too, and never prints the key', async () => {
    const serve = startServe(['--api-key', 'cli-secret-key-42']);
    await serve.url;
    await fetch(`${await serve.url}/v2/upscale`, { method: 'POST', body: '{}' });
    serve.child.kill('SIGINT');
    expect(await serve.exited).toBe(0);
    expect(serve.output()).not.toContain('cli-secret-key-42');
  });

  it('takes the key from --api-key-file, and --api-key says it is visible in ps', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shim-key-'));
    writeFileSync(join(dir, 'key'), 'file-secret-key-9\n');
    const fromFile = startServe(['--api-key-file', join(dir, 'key'), '--cors-origin', 'https://app.example.com']);
    const url = await fromFile.url;
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    const preflight = await fetch(`${url}/v2/upscale`, { method: 'OPTIONS', headers: { origin: 'https://app.example.com', 'access-control-request-method': 'POST' } });
    expect(preflight.status).toBe(204);
    fromFile.child.kill('SIGTERM');
    expect(await fromFile.exited).toBe(0);
    expect(fromFile.output()).toMatch(/GET \/healthz 200 \d+ms/);
    expect(fromFile.output()).not.toContain('file-secret-key-9');
    rmSync(dir, { recursive: true, force: true });
    const fromArgv = startServe(['--api-key', 'argv-secret-key-3']);
    await fromArgv.url;
    fromArgv.child.kill('SIGTERM');
    await fromArgv.exited;
    expect(fromArgv.output()).toMatch(/--api-key is deprecated: .*visible .* `ps`/);
    expect(fromArgv.output()).not.toContain('argv-secret-key-3');
  });

  it('refuses a non-loopback host with a server-side key: exit 2, one line, no key', () => {
    const r = spawnSync(process.execPath, [CLI, 'shim', 'serve', '--host', '0.0.0.0', '--port', '0'], {
      env: { ...process.env, NOVITA_API_KEY: 'env-secret-key-7' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('--allow-remote');
    expect(r.stderr).not.toContain('env-secret-key-7');
  });

  it('rejects an unknown action and a bad port with exit 2', () => {
    const frob = spawnSync(process.execPath, [CLI, 'shim', 'frob'], { encoding: 'utf8' });
    expect(frob.status).toBe(2);
    expect(frob.stderr).toContain('unknown shim action "frob"');
    const port = spawnSync(process.execPath, [CLI, 'shim', 'serve', '--port', '70000'], { encoding: 'utf8' });
    expect(port.status).toBe(2);
    expect(port.stderr).toContain('--port');
  });
});
