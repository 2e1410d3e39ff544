/**
 * Restore-face size matching: when V3's restore-face answers with an image of
 * another size than the one sent (a 2x restorer, an odd size), the novita
 * backend must give back the size it sent, resized with the PIL-exact Lanczos
 * (`resizeLanczos`). A1111 (V2) never saw this case: its restorers paste the
 * faces back into the input, so the output had the input's size, and the
 * pipeline then `Image.blend`s it with the input, which needs equal sizes.
 * Same size in, same size out is that contract; Lanczos is the resampler V2
 * used for every other local resize.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createNovitaBackend } from '../../../src/shim/novita-backend.js';
import type { BackendContext, RgbImage } from '../../../src/shim/backend.js';
import { resizeLanczos } from '../../../src/shim/image/resize.js';
import { startFakeV3, type FakeV3, type FakeV3InputImage } from '../fake-v3-server.js';

const PIL = fileURLToPath(new URL('../../../__fixtures__/pil/', import.meta.url));

/** A pattern with hard edges and gradients, so a wrong resampler cannot pass by luck. */
function pattern(width: number, height: number, seed = 0): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = ((x + seed) * 37) & 255;
      data[i + 1] = (x ^ y) & 1 ? 255 : 0;
      data[i + 2] = ((y * 53 + x * 11 + seed) * 7) & 255;
    }
  }
  return { width, height, data };
}

const toPng = (img: RgbImage): Promise<Buffer> =>
  sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } }).png().toBuffer();

async function fromPng(png: Buffer | string): Promise<RgbImage> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** Size and the largest per-sample difference; sizes must match first. */
function maxAbsError(actual: RgbImage, expected: RgbImage): number {
  expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
  expect(actual.data.length).toBe(expected.data.length);
  let max = 0;
  for (let i = 0; i < expected.data.length; i++) max = Math.max(max, Math.abs(actual.data[i]! - expected.data[i]!));
  return max;
}

const ctx = (): BackendContext => ({ warn: () => undefined });

let fake: FakeV3 | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A fake V3 whose restore-face answers with `answer(input)`; records what it received and what it answered. */
async function withRestorer(answer: (input: FakeV3InputImage) => Promise<Buffer>) {
  const seen: { input: FakeV3InputImage; output: Buffer }[] = [];
  fake = await startFakeV3({
    apiKey: 'k',
    restoreFaceOutput: async (input) => {
      const output = await answer(input);
      seen.push({ input, output });
      return output;
    },
  });
  const backend = createNovitaBackend({ upstream: fake.url, apiKey: 'k', retryBaseMs: 5, deadlineMs: 5000, attemptTimeoutMs: 2000 });
  return { backend, seen, fake };
}

describe('novita backend: restore-face answering another size', () => {
  it.each([
    // [sent w, h, answered w, h]
    ['2x (a GFPGAN-style upscaling restorer)', 16, 8, 32, 16],
    ['an odd, non-integer larger size', 13, 7, 33, 17],
    ['a smaller size', 40, 24, 17, 11],
    ['only the width differs', 21, 9, 30, 9],
  ])('%s: back to the size sent, pixel-identical to resizeLanczos of the answer', async (_, w, h, rw, rh) => {
    const returned = pattern(rw, rh, 5);
    const { backend, seen } = await withRestorer(() => toPng(returned));
    const sent = pattern(w, h);

    const out = await backend.restoreFace(sent, 'codeformer', 0.5, ctx());

    expect(seen).toHaveLength(1);
    expect([seen[0]!.input.width, seen[0]!.input.height]).toEqual([w, h]);
    expect([out.width, out.height]).toEqual([w, h]);
    expect(maxAbsError(out, resizeLanczos(returned, w, h))).toBe(0);
    // Not the answer cropped or the input passed through: it really is the resized answer.
    expect(out.data.equals(sent.data)).toBe(false);
  });

  it('a 2x answer made from the request itself comes back at the sent size (gfpgan)', async () => {
    const { backend, seen, fake: v3 } = await withRestorer((input) =>
      sharp(input.bytes)
        .resize(input.width * 2, input.height * 2, { kernel: 'nearest' })
        .png()
        .toBuffer(),
    );
    const sent = pattern(19, 11, 3);
    const out = await backend.restoreFace(sent, 'gfpgan', 1, ctx());
    const answered = await fromPng(seen[0]!.output);
    expect([answered.width, answered.height]).toEqual([38, 22]);
    expect([out.width, out.height]).toEqual([19, 11]);
    expect(maxAbsError(out, resizeLanczos(answered, 19, 11))).toBe(0);
    expect(v3.requests.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual(['POST /v3/restore-face 200']);
  });

  // Against Pillow itself (committed fixtures from scripts/pil/make-fixtures.py): the answer is a PIL
  // fixture input, and the shim's result must equal PIL's `Image.resize(size, LANCZOS)` of it.
  it.each([
    ['lanczos-edges97x61-to-48x30.png', 48, 30],
    ['lanczos-edges97x61-to-164x103.png', 164, 103],
    ['lanczos-edges97x61-to-60x100.png', 60, 100],
  ])('equals PIL: answer in-edges97x61.png, sent %s size', async (expectedFile, w, h) => {
    const answer = readFileSync(join(PIL, 'in-edges97x61.png'));
    const { backend } = await withRestorer(async () => answer);
    const out = await backend.restoreFace(pattern(w, h), 'codeformer', 0.7, ctx());
    expect(maxAbsError(out, await fromPng(readFileSync(join(PIL, expectedFile))))).toBe(0);
  });
});
