/**
 * A lossless 8-bit RGB PNG writer: the rows are cut into strips that are
 * filtered, checksummed and deflated independently (one on each image worker
 * and one on this thread when the image is large), then joined into one zlib
 * stream in one IDAT chunk. By default run-length matching (zlib level 1,
 * Z_RLE) on "Up"-filtered rows: measured (bench/shim-pipeline.mjs) faster
 * than sharp at level 1 on two cores, and no larger.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import type { RgbImage } from '../backend.js';
import { combineAdler32 } from './adler32.js';
import { PNG_KERNELS_WASM } from './png-kernels-wasm.js';
import { canonicalCodes, huffmanLengths } from './deflate-huffman.js';
import { deflateBound, deflateRle } from './png-deflate.js';
import { encodePngStrip, type PngKernels, type StripDeflaters, type PngStrip, type PngStripOptions } from './png-strip.js';
import { instantiateWasm } from './wasm-module.js';
import { releaseBytes, sharedBytes, withShared } from './shared-bytes.js';
import { splitRows, type ImagePool } from './worker-pool.js';

export interface PngOptions {
  /**
   * zlib level 0..9. 1 (the default) matches only runs (Z_RLE): the fastest
   * compression, still smaller than sharp's level 1. 2..9 search for all
   * matches: smaller files, several times slower. 0 stores.
   */
  level?: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** zlib header: deflate, 32 KiB window, "fastest" hint; (0x78 * 256 + 0x01) % 31 === 0. */
const ZLIB_HEADER = Buffer.from([0x78, 0x01]);
/** Rows per strip at least: fewer makes the per-strip flush overhead show. */
const MIN_STRIP_ROWS = 64;

const deflaters: StripDeflaters = {
  raw: (data, o) => deflateRawSync(data, { level: o.level, strategy: o.strategy, finishFlush: o.finishFlush, chunkSize: o.chunkSize }),
  rle: deflateRle,
  huffman: { lengths: huffmanLengths, codes: canonicalCodes },
};
let kernels: PngKernels | undefined;
const localKernels = (): PngKernels => (kernels ??= instantiateWasm<PngKernels>(PNG_KERNELS_WASM));

/** Writes a chunk's length, type and CRC around `length` bytes of data already at `at + 8`; returns the end. */
function chunkAt(png: Buffer, at: number, type: string, length: number): number {
  png.writeUInt32BE(length, at);
  png.write(type, at + 4, 'latin1');
  png.writeUInt32BE(crc32(png.subarray(at + 4, at + 8 + length)) >>> 0, at + 8 + length);
  return at + 12 + length;
}

/** The PNG, written once into its final buffer: signature, IHDR, one IDAT (zlib header, strips, Adler-32), IEND. */
function assemble(image: RgbImage, strips: PngStrip[], outboxes: Uint8Array[]): Buffer {
  let adler = strips[0]!.adler;
  for (let i = 1; i < strips.length; i++) adler = combineAdler32(adler, strips[i]!.adler, strips[i]!.length);
  const idatLength = 2 + strips.reduce((n, s) => n + s.deflatedLength, 0) + 4;
  const png = Buffer.allocUnsafe(8 + 25 + 12 + idatLength + 12);
  SIGNATURE.copy(png, 0);
  let at = 8;
  png.writeUInt32BE(image.width, at + 8);
  png.writeUInt32BE(image.height, at + 12);
  png.set([8, 2, 0, 0, 0], at + 16); // bit depth 8, colour type RGB; compression, filter method, interlace 0
  at = chunkAt(png, at, 'IHDR', 13);
  let p = at + 8;
  ZLIB_HEADER.copy(png, p);
  p += 2;
  for (let i = 0; i < strips.length; i++) {
    png.set(outboxes[i]!.subarray(0, strips[i]!.deflatedLength), p);
    p += strips[i]!.deflatedLength;
  }
  png.writeUInt32BE(adler, p);
  at = chunkAt(png, at, 'IDAT', idatLength);
  chunkAt(png, at, 'IEND', 0);
  return png;
}

export async function encodePngStrips(image: RgbImage, pool: ImagePool | undefined, options: PngOptions = {}): Promise<Buffer> {
  const level = options.level ?? 1;
  // One strip per worker and one on this thread: each hand-off between threads waits for a time slice on a busy machine.
  const parts = pool ? Math.min(pool.size + 1, Math.floor(image.height / MIN_STRIP_ROWS)) : 1;
  const ranges = splitRows(image.height, Math.max(1, parts));
  const last = ranges.length - 1;
  const lengths = ranges.map(([a, b]) => (b - a) * (image.width * 3 + 1));
  const stripOptions = (i: number): PngStripOptions => ({
    level,
    strategy: level === 1 ? constants.Z_RLE : constants.Z_DEFAULT_STRATEGY,
    finishFlush: i === last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
    final: i === last,
    // Above deflate's worst case, so zlib writes one buffer and never joins pieces.
    chunkSize: lengths[i]! + (lengths[i]! >> 10) + 1024,
  });
  // Each strip's output goes to pooled shared memory (mapped already after the first image), then once into the PNG.
  const outboxes = lengths.map((n) => sharedBytes(Math.max(deflateBound(n), n + (n >> 10) + 1024), false));
  try {
    if (!pool || ranges.length === 1) {
      const strips = ranges.map(([a, b], i) => encodePngStrip(localKernels(), image.data, image.width, a, b, stripOptions(i), deflaters, outboxes[i]!));
      return assemble(image, strips, outboxes);
    }
    const strips = await withShared(image.data, async (src) => {
      const others = Promise.all(ranges.slice(0, last).map(([a, b], i) => pool.run<PngStrip>({ op: 'png-strip', args: [src, image.width, a, b, stripOptions(i), outboxes[i]!] })));
      const mine = encodePngStrip(localKernels(), src, image.width, ranges[last]![0], ranges[last]![1], stripOptions(last), deflaters, outboxes[last]!);
      return [...(await others), mine];
    });
    return assemble(image, strips, outboxes);
  } finally {
    for (const box of outboxes) releaseBytes(box);
  }
}
