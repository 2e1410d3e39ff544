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
import { encodePngStrip, type DeflateRaw, type PngKernels, type PngStrip } from './png-strip.js';
import { instantiateWasm } from './wasm-module.js';
import { withShared } from './shared-bytes.js';
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

const deflateRaw: DeflateRaw = (data, options) => deflateRawSync(data, options);
let kernels: PngKernels | undefined;
const localKernels = (): PngKernels => (kernels ??= instantiateWasm<PngKernels>(PNG_KERNELS_WASM));

function chunk(type: string, parts: Uint8Array[]): Uint8Array[] {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(parts.reduce((n, p) => n + p.length, 0), 0);
  head.write(type, 4, 'latin1');
  let crc = crc32(head.subarray(4));
  for (const p of parts) crc = crc32(p, crc);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc >>> 0, 0);
  return [head, ...parts, tail];
}

function header(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  return ihdr; // compression, filter method and interlace: 0
}

function assemble(image: RgbImage, strips: PngStrip[]): Buffer {
  let adler = strips[0]!.adler;
  for (let i = 1; i < strips.length; i++) adler = combineAdler32(adler, strips[i]!.adler, strips[i]!.length);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(adler, 0);
  const idat = [ZLIB_HEADER, ...strips.map((s) => s.deflated), trailer];
  return Buffer.concat([SIGNATURE, ...chunk('IHDR', [header(image.width, image.height)]), ...chunk('IDAT', idat), ...chunk('IEND', [])]);
}

export async function encodePngStrips(image: RgbImage, pool: ImagePool | undefined, options: PngOptions = {}): Promise<Buffer> {
  const level = options.level ?? 1;
  // One strip per worker and one on this thread: each hand-off between threads waits for a time slice on a busy machine.
  const parts = pool ? Math.min(pool.size + 1, Math.floor(image.height / MIN_STRIP_ROWS)) : 1;
  const ranges = splitRows(image.height, Math.max(1, parts));
  const stripOptions = (i: number) => {
    const bytes = (ranges[i]![1] - ranges[i]![0]) * (image.width * 3 + 1);
    return {
      level,
      strategy: level === 1 ? constants.Z_RLE : constants.Z_DEFAULT_STRATEGY,
      finishFlush: i === ranges.length - 1 ? constants.Z_FINISH : constants.Z_SYNC_FLUSH,
      // Above deflate's worst case, so zlib writes one buffer and never joins pieces.
      chunkSize: bytes + (bytes >> 10) + 1024,
    };
  };
  if (!pool || ranges.length === 1) {
    return assemble(image, ranges.map(([a, b], i) => encodePngStrip(localKernels(), image.data, image.width, a, b, stripOptions(i), deflateRaw)));
  }
  const last = ranges.length - 1;
  const strips = await withShared(image.data, async (src) => {
    const others = Promise.all(ranges.slice(0, last).map(([a, b], i) => pool.run<PngStrip>({ op: 'png-strip', args: [src, image.width, a, b, stripOptions(i)] })));
    const mine = encodePngStrip(localKernels(), src, image.width, ranges[last]![0], ranges[last]![1], stripOptions(last), deflateRaw);
    return [...(await others), mine];
  });
  return assemble(image, strips);
}
