/**
 * The candidate thread's V8 code cache: used when valid, rewritten when V8
 * rejects it or the file is damaged, never in the way when it cannot be
 * written. And the CLI's lint results do not depend on it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { codeCacheDir, runWithCodeCache } from '../../src/lint/code-cache.js';

const work = mkdtempSync(join(tmpdir(), 'nm-code-cache-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

declare global {
  var __codeCacheRuns: { file: string; dir: string; sep: string }[] | undefined;
}

/** A CommonJS file with enough functions for V8 to cache, recording how it was run. */
function bundle(name: string): string {
  const file = join(work, name);
  const helpers = Array.from({ length: 200 }, (_, i) => `function h${i}(x) { return x * ${i} + ${i}; }`).join('\n');
  writeFileSync(file, `${helpers}\nlet total = 0; for (let i = 0; i < 200; i++) total += h${199}(i);\n(globalThis.__codeCacheRuns ??= []).push({ file: __filename, dir: __dirname, sep: require('node:path').sep, total });\n`);
  return file;
}

describe('runWithCodeCache', () => {
  it('runs the file as CommonJS, writes the cache on persist, and uses it on the next run', () => {
    const file = bundle('a.cjs');
    const cacheDir = join(work, 'cache-a');
    globalThis.__codeCacheRuns = [];
    const first = runWithCodeCache(file, cacheDir);
    expect(first.state).toBe('absent');
    expect(globalThis.__codeCacheRuns).toEqual([expect.objectContaining({ file, dir: work, sep: '/' })]);
    first.persist();
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^a-\d+-\d+-v\d+\.\d+\.\d+-\w+\.v8$/)]);
    const second = runWithCodeCache(file, cacheDir);
    expect(second.state).toBe('used');
    expect(globalThis.__codeCacheRuns).toHaveLength(2);
  });

  it('never hands V8 a damaged file: it runs from source and writes a good one', () => {
    const file = bundle('b.cjs');
    const cacheDir = join(work, 'cache-b');
    runWithCodeCache(file, cacheDir).persist();
    const cacheFile = join(cacheDir, readdirSync(cacheDir)[0]!);
    const bytes = readFileSync(cacheFile);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(cacheFile, bytes);
    const damaged = runWithCodeCache(file, cacheDir);
    expect(damaged.state).toBe('rejected');
    damaged.persist();
    expect(runWithCodeCache(file, cacheDir).state).toBe('used');
  });

  it('drops the caches of earlier builds of the same file', () => {
    const file = bundle('c.cjs');
    const cacheDir = join(work, 'cache-c');
    mkdirSync(cacheDir, { recursive: true });
    writeFileSync(join(cacheDir, 'c-1-2-v1.0.0-x64.v8'), 'old');
    writeFileSync(join(cacheDir, 'other-1-2-v1.0.0-x64.v8'), 'not ours');
    runWithCodeCache(file, cacheDir).persist();
    const left = readdirSync(cacheDir).sort();
    expect(left).toHaveLength(2);
    expect(left).toContain('other-1-2-v1.0.0-x64.v8');
    expect(left).not.toContain('c-1-2-v1.0.0-x64.v8');
  });

  it('runs without a cache when there is no place for one, or it cannot be written', () => {
    const file = bundle('d.cjs');
    globalThis.__codeCacheRuns = [];
    const off = runWithCodeCache(file, undefined);
    expect(off.state).toBe('off');
    off.persist();
    const blocked = join(work, 'not-a-dir');
    writeFileSync(blocked, '');
    const unwritable = runWithCodeCache(file, join(blocked, 'cache'));
    expect(unwritable.state).toBe('absent');
    expect(() => unwritable.persist()).not.toThrow();
    expect(globalThis.__codeCacheRuns).toHaveLength(2);
  });
});

describe('codeCacheDir', () => {
  it('is node_modules/.cache/novita-migrate of the nearest directory with a node_modules', () => {
    const project = join(work, 'project');
    mkdirSync(join(project, 'node_modules', 'novita-migrate', 'dist', 'src', 'bundle'), { recursive: true });
    expect(codeCacheDir(join(project, 'node_modules', 'novita-migrate', 'dist', 'src', 'bundle'))).toBe(join(project, 'node_modules', '.cache', 'novita-migrate'));
  });
});

describe('the CLI with the code cache', () => {
  const BUNDLE = fileURLToPath(new URL('../../dist/src/bundle/', import.meta.url));
  const CACHE = codeCacheDir(BUNDLE)!;
  const FIXTURE = fileURLToPath(new URL('../../__fixtures__/engine/missed-calls', import.meta.url));
  const lint = () => spawnSync(process.execPath, [join(BUNDLE, 'novita-migrate.js'), FIXTURE, '--format', 'json'], { encoding: 'utf8' });

  it('keeps a cache for the candidate thread and reports the same with it, without it, and with a damaged one', () => {
    rmSync(CACHE, { recursive: true, force: true });
    const cold = lint();
    expect(cold.status).toBe(1);
    const caches = readdirSync(CACHE).filter((f) => f.startsWith('candidate-worker-code-'));
    expect(caches).toHaveLength(1);
    expect(lint().stdout).toBe(cold.stdout);
    writeFileSync(join(CACHE, caches[0]!), 'garbage');
    expect(lint().stdout).toBe(cold.stdout);
    expect(readFileSync(join(CACHE, caches[0]!)).length).toBeGreaterThan(100_000);
  });

  /** The bundled candidate thread itself (the CLI would quietly lint on its own thread if this one died). */
  async function askThread(): Promise<unknown> {
    const worker = new Worker(join(BUNDLE, 'candidate-worker.js'));
    try {
      return await new Promise((resolve, reject) => {
        worker.once('error', reject);
        worker.once('exit', (code) => reject(new Error(`the thread exited (${code})`)));
        worker.on('message', (m: { id?: number }) => m.id === 1 && resolve(m));
        worker.postMessage({ config: {} });
        worker.postMessage({ id: 1, file: join(FIXTURE, 'x.js'), text: "fetch('https://api.novita.ai/v2/upscale', { method: 'POST' });" });
      });
    } finally {
      await worker.terminate();
    }
  }

  it('the thread lints when the cache directory cannot be made', async () => {
    // A file where the directory should be: not even root can write a cache there.
    rmSync(CACHE, { recursive: true, force: true });
    writeFileSync(CACHE, 'in the way');
    try {
      expect(await askThread()).toMatchObject({ id: 1, messages: [expect.objectContaining({ ruleId: 'no-v2-upscale' })] });
    } finally {
      rmSync(CACHE, { force: true });
    }
  });
});
