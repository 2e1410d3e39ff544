import { constants, deflateSync, inflateSync } from 'node:zlib';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import type { RgbImage } from '../../../src/shim/backend.js';
import { canonicalCodes, huffmanLengths } from '../../../src/shim/image/deflate-huffman.js';
import { encodePngStrips } from '../../../src/shim/image/png-encoder.js';
import { imagePool } from '../../../src/shim/image/worker-pool.js';

/** Kraft sum of a code: exactly 1 for a complete prefix code. */
const kraft = (lengths: Uint8Array): number => [...lengths].reduce((sum, len) => sum + (len ? 2 ** -len : 0), 0);

function image(width: number, height: number, byte: (i: number, x: number, y: number) => number): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let i = 0; i < data.length; i++) data[i] = byte(i, Math.floor(i / 3) % width, Math.floor(i / 3 / width));
  return { width, height, data };
}

describe('Huffman codes for deflate', () => {
  it('are complete, and limited to maxBits even for very skewed frequencies', () => {
    const fib = [1, 1];
    while (fib.length < 40) fib.push(fib[fib.length - 1]! + fib[fib.length - 2]!);
    for (const freq of [fib, [5, 0, 0, 3], [0, 9], [1, 1, 1, 1, 1], Array.from({ length: 286 }, (_, i) => (i * 7919) % 1000)]) {
      const lengths = huffmanLengths(freq, 15);
      expect(Math.max(...lengths)).toBeLessThanOrEqual(15);
      expect(kraft(lengths)).toBe(1);
      freq.forEach((f, s) => expect(lengths[s]! > 0 || f === 0 || freq.filter((v) => v > 0).length === 1).toBe(true));
    }
    expect(Math.max(...huffmanLengths(fib.slice(0, 19), 7))).toBeLessThanOrEqual(7);
  });

  it('are canonical: RFC 1951 example (3, 3, 3, 3, 3, 2, 4, 4), bit-reversed', () => {
    const codes = canonicalCodes(Uint8Array.from([3, 3, 3, 3, 3, 2, 4, 4]));
    const reverse = (code: number, len: number) => parseInt(code.toString(2).padStart(len, '0').split('').reverse().join(''), 2);
    expect([...codes]).toEqual([0b010, 0b011, 0b100, 0b101, 0b110, 0b00, 0b1110, 0b1111].map((c, i) => reverse(c, [3, 3, 3, 3, 3, 2, 4, 4][i]!)));
  });
});

describe('PNG deflate (level 1: runs and Huffman codes in WebAssembly)', () => {
  const cases: Array<[string, RgbImage]> = [
    ['all zero (runs up to 258, across blocks and strips)', image(700, 300, () => 0)],
    ['one pixel', image(1, 1, () => 200)],
    ['short runs of every length', image(257, 180, (i) => ((i >> 4) * 31) & 255 & -((i % 300) < 150 ? 1 : 0))],
    ['incompressible noise (stored blocks)', image(400, 250, (i) => Math.floor(Math.abs(Math.sin(i * 12.9898) * 43758.5453) * 256) & 255)],
    ['gradient', image(1000, 150, (_i, x, y) => (x + y) & 255)],
  ];
  it.each(cases)('is lossless: %s', async (_label, img) => {
    process.env.NOVITA_SHIM_IMAGE_THREADS = '2';
    for (const pool of [undefined, imagePool()]) {
      const png = await encodePngStrips(img, pool);
      const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, data.equals(img.data)]).toEqual([img.width, img.height, true]);
    }
  });

  it('is within 10% of zlib level 1 with Z_RLE on the same lines', async () => {
    const img = image(600, 400, (_i, x, y) => (Math.round(128 + 60 * Math.sin(x / 23) + 40 * Math.cos(y / 17)) + ((x * y) % 5)) & 255);
    const ours = idat(await encodePngStrips(img, undefined));
    const lines = inflateSync(ours); // checks the zlib stream and its Adler-32 too
    const zlib = deflateSync(lines, { level: 1, strategy: constants.Z_RLE });
    expect(ours.length / zlib.length).toBeLessThan(1.1); // bigger blocks than zlib's (fewer headers to build): a few % larger on fast-changing statistics
  });
});

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
