import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { releaseBytes, sharedBytes, withShared } from '../../../src/shim/image/shared-bytes.js';
import { splitRows } from '../../../src/shim/image/worker-pool.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('shared scratch memory', () => {
  it('reuses given-back memory, zeroed unless asked not to', () => {
    const a = sharedBytes(1000);
    a.fill(7);
    releaseBytes(a);
    const b = sharedBytes(900);
    expect(b.buffer).toBe(a.buffer);
    expect(b.length).toBe(900);
    expect(b.every((v) => v === 0)).toBe(true);
    b.fill(9);
    releaseBytes(b);
    const c = sharedBytes(1000, false);
    expect(c.buffer).toBe(a.buffer);
    expect(c[0]).toBe(9);
    releaseBytes(c);
  });

  it('hands memory given back twice to one borrower only', () => {
    const a = sharedBytes(4096);
    releaseBytes(a);
    releaseBytes(a);
    const first = sharedBytes(4096);
    const second = sharedBytes(4096);
    expect(first.buffer).toBe(a.buffer);
    expect(second.buffer).not.toBe(a.buffer);
  });

  it('withShared lends a shared copy of a plain Buffer and passes shared memory through', async () => {
    const plain = Buffer.from([1, 2, 3]);
    await withShared(plain, async (s) => {
      expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
      expect([...s]).toEqual([1, 2, 3]);
    });
    const shared = sharedBytes(3);
    await withShared(shared, async (s) => expect(s).toBe(shared));
  });

  it('splits rows into near-equal ranges that cover them once', () => {
    expect(splitRows(10, 4)).toEqual([
      [0, 2],
      [2, 5],
      [5, 7],
      [7, 10],
    ]);
    expect(splitRows(2, 4)).toEqual([
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('image workers', () => {
  it.skipIf(!existsSync(`${ROOT}dist/src/shim/image/resize.js`))('do not keep a finished process alive', () => {
    const script = `
      const { resizeLanczos } = await import(${JSON.stringify(`${ROOT}dist/src/shim/image/resize.js`)});
      const { encodePng } = await import(${JSON.stringify(`${ROOT}dist/src/shim/image/encode.js`)});
      const img = await resizeLanczos({ width: 300, height: 300, data: Buffer.alloc(300 * 300 * 3, 128) }, 700, 700);
      const png = await encodePng(img);
      console.log('done', img.width, png.length > 0);`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, NOVITA_SHIM_IMAGE_THREADS: '2' } });
    expect(r.stderr).toBe('');
    expect([r.status, r.stdout.trim()]).toEqual([0, 'done 700 true']);
  });
});
