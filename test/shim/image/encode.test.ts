import { inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../src/shim/backend.js';
import { combineAdler32 } from '../../../src/shim/image/adler32.js';
import { encodeImage, encodePng } from '../../../src/shim/image/encode.js';
import { encodePngStrips } from '../../../src/shim/image/png-encoder.js';
import { imagePool } from '../../../src/shim/image/worker-pool.js';
import { gradient } from '../core/helpers.js';

function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (const v of bytes) {
    a = (a + v) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** Gradient plus deterministic noise: both runs and incompressible parts. */
function noisy(width: number, height: number): RgbImage {
  const img = gradient(width, height);
  for (let i = 0; i < img.data.length; i += 7) img.data[i] = (i * 2654435761) >>> 24;
  return img;
}

async function raw(png: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}

/** The concatenated IDAT payload (a zlib stream) of a PNG. */
function idat(png: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let o = 8; o < png.length; ) {
    const len = png.readUInt32BE(o);
    if (png.toString('latin1', o + 4, o + 8) === 'IDAT') parts.push(png.subarray(o + 8, o + 8 + len));
    o += 12 + len;
  }
  return Buffer.concat(parts);
}

describe('PNG encoder', () => {
  it('combines Adler-32 checksums of two runs like one run', () => {
    const data = noisy(300, 40).data;
    for (const cut of [0, 1, 5551, 5552, 20000, data.length]) {
      expect(combineAdler32(adler32(data.subarray(0, cut)), adler32(data.subarray(cut)), data.length - cut)).toBe(adler32(data));
    }
  });

  it.each([
    ['on this thread, one strip', 37, 23, false],
    ['on the workers, strips joined', 700, 450, true],
  ] as const)('is lossless and a valid zlib stream: %s', async (_label, width, height, parallel) => {
    process.env.NOVITA_SHIM_IMAGE_THREADS = '2';
    const img = noisy(width, height);
    const png = await encodePngStrips(img, parallel ? imagePool() : undefined);
    expect(png.subarray(0, 8).toString('latin1')).toBe('\x89PNG\r\n\x1a\n');
    // inflate checks the Adler-32 of the joined strips.
    expect(inflateSync(idat(png)).length).toBe(height * (width * 3 + 1));
    expect(await raw(png)).toEqual({ width, height, data: img.data });
  });

  it('encodePng defaults to the fast lossless path; levels 0..9 are all lossless', async () => {
    const img = noisy(64, 33);
    for (const compressionLevel of [undefined, 0, 1, 2, 9]) {
      const png = await encodePng(img, { compressionLevel });
      expect((await raw(png)).data.equals(img.data)).toBe(true);
    }
  });

  it('writes the other V3 response types: webp (lossless at quality 100) and jpeg', async () => {
    const img = noisy(40, 30);
    const webp = await encodeImage(img, { format: 'webp', quality: 100 });
    expect(webp.subarray(8, 12).toString('latin1')).toBe('WEBP');
    expect((await raw(webp)).data.equals(img.data)).toBe(true);
    const jpeg = await encodeImage(img, { format: 'jpeg', quality: 90 });
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect((await sharp(jpeg).metadata()).width).toBe(40);
  });
});
