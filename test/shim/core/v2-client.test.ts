import { describe, expect, it, vi } from 'vitest';
import { V2Error, type UpscaleBackend } from '../../../src/shim/backend.js';
import { decodePng } from '../../../src/shim/image/encode.js';
import { resizeLanczos } from '../../../src/shim/image/resize.js';
import { ResultStore } from '../../../src/shim/result-store.js';
import { createV2Client } from '../../../src/shim/v2-client.js';
import { gradient, pixel, pngBase64 } from './helpers.js';

const resultId = (url: string) => url.split('/').pop()!;

describe('createV2Client (local backend)', () => {
  it('answers like V2 and produces an image of the V2 size', async () => {
    const client = createV2Client({ backend: 'local' });
    const image = await pngBase64(gradient(64, 48));
    const submitted = await client.upscale({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2.5 });
    expect(submitted).toMatchObject({ code: 0, msg: '', data: { task_id: expect.any(String), warn: expect.stringContaining('local approximation') } });
    const sync = await client.upscaleSync({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2.5 });
    expect(sync.code).toBe(0);
    expect(sync.data).toMatchObject({ status: 2, progress: 1, imgs: [expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/results\/[\w-]{32}\.png$/)] });
    const out = await decodePng(sync.images[0]!);
    expect([out.width, out.height]).toEqual([160, 120]);
    expect((sync.data as { submit_time: string }).submit_time).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    client.close();
  });

  it('Nearest upscaling is exact, and a second upscaler is blended by its visibility', async () => {
    const client = createV2Client({ backend: 'local' });
    const src = gradient(8, 8);
    const image = await pngBase64(src);
    const nearest = await client.upscaleSync({ image, upscaler_1: 'Nearest', upscaling_resize: 2 });
    const n = await decodePng(nearest.images[0]!);
    expect(pixel(n, 5, 3)).toEqual(pixel(src, 2, 1));
    const blended = await client.upscaleSync({ image, upscaler_1: 'Nearest', upscaler_2: 'Lanczos', extras_upscaler_2_visibility: 0.5, upscaling_resize: 2 });
    const b = await decodePng(blended.images[0]!);
    const lanczos = await resizeLanczos(src, 16, 16);
    const [x, y] = [7, 9];
    for (let c = 0; c < 3; c++) {
      const expected = Math.trunc(Math.fround(pixel(n, x, y)[c]! + Math.fround(0.5 * (pixel(lanczos, x, y)[c]! - pixel(n, x, y)[c]!))));
      expect(pixel(b, x, y)[c]).toBe(expected);
    }
    client.close();
  });

  it.each([
    ['no image', { upscaler_1: 'Lanczos' }, 6],
    ['undecodable image', { image: 'bm90IGFuIGltYWdl', upscaler_1: 'Lanczos' }, 6],
    ['a factor out of range', { image: 'x', upscaler_1: 'Lanczos', upscaling_resize: 9 }, 6],
    ['a visibility out of range', { image: 'x', upscaler_1: 'Lanczos', gfpgan_visibility: 1.5 }, 6],
    ['an unknown upscaler', { image: 'x', upscaler_1: 'SwinIR_4x' }, 2],
    ['not an object', [1, 2], 1],
  ])('refuses %s with the V2 code a V2 client expects', async (_label, body, code) => {
    const client = createV2Client({ backend: 'local' });
    expect((await client.upscale(body)).code).toBe(code);
    client.close();
  });

  it('refuses a result over 2048 on a side up front with code 6, before any backend call', async () => {
    const backend: UpscaleBackend = { name: 'local', upscale: vi.fn(), restoreFace: vi.fn() };
    const client = createV2Client({ backend });
    const r = await client.upscale({ image: await pngBase64(gradient(1100, 10)), upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
    expect(r.code).toBe(6);
    expect(r.msg).toMatch(/2200x16/);
    expect(backend.upscale).not.toHaveBeenCalled();
    client.close();
  });

  it('with the novita backend and no key anywhere answers code 4', async () => {
    const saved = process.env.NOVITA_API_KEY;
    delete process.env.NOVITA_API_KEY;
    const client = createV2Client({ backend: 'novita' });
    expect((await client.upscale({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'Lanczos' })).code).toBe(4);
    client.close();
    if (saved !== undefined) process.env.NOVITA_API_KEY = saved;
  });

  it('after img_expire_ttl the images and the task are gone (code 3, not passed through)', async () => {
    let clock = 1_000_000;
    const client = createV2Client({ backend: 'local', now: () => clock, v2BaseUrl: 'http://127.0.0.1:9' });
    const r = await client.upscaleSync({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'Lanczos', img_expire_ttl: 60 });
    const url = (r.data as { imgs: string[] }).imgs[0]!;
    const taskId = (await client.upscale({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'Lanczos', img_expire_ttl: 60 })).data as { task_id: string };
    for (let i = 0; i < 100 && ((await client.progress(taskId.task_id)).data as { status: number }).status < 2; i++) await new Promise((res) => setTimeout(res, 10));
    expect((await client.progress(taskId.task_id)).data).toMatchObject({ status: 2 });
    expect((await client.getResult(resultId(url)))?.data).toBeInstanceOf(Buffer);
    clock += 59_000;
    expect((await client.getResult(resultId(url)))?.data).toBeInstanceOf(Buffer);
    clock += 2_000;
    expect(await client.getResult(resultId(url))).toBeUndefined();
    expect((await client.progress(taskId.task_id)).code).toBe(3);
    client.close();
  });

  it('warns once per feature per client (substitution, local fallback)', async () => {
    const onWarn = vi.fn();
    const client = createV2Client({ backend: 'local', onWarn });
    const image = await pngBase64(gradient(8, 8));
    await client.upscaleSync({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
    await client.upscaleSync({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
    const features = onWarn.mock.calls.map((c) => c[0]);
    expect(features.sort()).toEqual(['local-upscale', 'model-R-ESRGAN 4x+']);
    client.close();
  });

  it('a backend that fails ends the task at status 3 with failed_reason; one that hangs ends at 4', async () => {
    const failing: UpscaleBackend = { name: 'novita', upscale: async () => { throw new V2Error(7, 'balance too low'); }, restoreFace: async (i) => i };
    const c1 = createV2Client({ backend: failing });
    const r1 = await c1.upscaleSync({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'R-ESRGAN 4x+ Anime6B' });
    expect(r1.data).toMatchObject({ status: 3, failed_reason: 'balance too low', imgs: [] });
    c1.close();
    const hanging: UpscaleBackend = { name: 'novita', upscale: () => new Promise(() => {}), restoreFace: async (i) => i };
    const c2 = createV2Client({ backend: hanging, deadlineMs: 100 });
    const r2 = await c2.upscaleSync({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'R-ESRGAN 4x+ Anime6B' });
    expect(r2.data).toMatchObject({ status: 4, failed_reason: expect.stringMatching(/timed out/) });
    c2.close();
  });

  it('runs face restoration after the upscale, GFPGAN then CodeFormer with fidelity = codeformer_weight', async () => {
    const calls: string[] = [];
    const backend: UpscaleBackend = {
      name: 'novita',
      upscale: async (img, _m, s) => resizeLanczos(img, Math.round(img.width * s), Math.round(img.height * s)),
      restoreFace: async (img, kind, fidelity) => {
        calls.push(`${kind}:${fidelity}:${img.width}`);
        return { ...img, data: Buffer.alloc(img.data.length, 255) };
      },
    };
    const client = createV2Client({ backend });
    const r = await client.upscaleSync({ image: await pngBase64(gradient(8, 8)), upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2, gfpgan_visibility: 1, codeformer_visibility: 1, codeformer_weight: 0.3 });
    expect(calls).toEqual(['gfpgan:1:16', 'codeformer:0.3:16']);
    const out = await decodePng(r.images[0]!);
    expect(pixel(out, 3, 3)).toEqual([255, 255, 255]);
    client.close();
  });
});

describe('ResultStore', () => {
  it('spills to disk beyond the memory cap and reads back', () => {
    const store = new ResultStore({ memoryCapBytes: 10 });
    const a = store.put(Buffer.from('12345678'), 60);
    const b = store.put(Buffer.from('abcdefgh'), 60);
    expect(store.location(a)).toBe('memory');
    expect(store.location(b)).toBe('disk');
    expect(store.get(b)!.toString()).toBe('abcdefgh');
    expect(store.bytesInMemory).toBe(8);
    store.close();
  });
});
