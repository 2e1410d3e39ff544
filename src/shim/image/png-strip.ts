/**
 * One horizontal strip of a PNG's image data: rows filtered with PNG's "Up"
 * filter (each byte minus the byte above; cheap, and upscaled images are
 * smooth vertically), the Adler-32 of the filtered bytes, and the bytes
 * deflated as a raw deflate segment, copied into `outbox`. Every strip but
 * the last ends with a sync flush (byte-aligned, not final), so segments
 * deflated independently, on different threads, concatenate into one valid
 * zlib stream. Filter, checksum and (at level 1) deflate run in the
 * WebAssembly kernels (png-kernels.wat, png-deflate.ts); other levels go
 * through zlib.
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * this very function from its source text, with its own zlib, deflaters and
 * kernels.
 */
import type { DeflateKernels, HuffmanBuilders, deflateRle } from './png-deflate.js';

export interface PngStripOptions {
  /** zlib level, 0..9; 1 is deflated by deflateRle, the others by zlib. */
  level: number;
  /** zlib strategy (Z_DEFAULT_STRATEGY, Z_RLE, ...). */
  strategy: number;
  /** Z_FINISH for the last strip, Z_SYNC_FLUSH for the others. */
  finishFlush: number;
  /** Whether this is the last strip (its deflate segment is final). */
  final: boolean;
  /** zlib's output buffer size. */
  chunkSize: number;
}

export interface PngStrip {
  /** Bytes of deflate output at the start of the outbox. */
  deflatedLength: number;
  adler: number;
  /** Filtered bytes in the strip (rows * (1 + width * 3)). */
  length: number;
}

export interface PngKernels extends DeflateKernels {
  filterUp(src: number, dst: number, stride: number, rows: number, firstNone: number): void;
  adler32(ptr: number, len: number, adler: number): number;
}

export type DeflateRaw = (data: Uint8Array, options: PngStripOptions) => Uint8Array;

/** The deflaters a strip uses, passed in so that this function stays self-contained. */
export interface StripDeflaters {
  /** zlib (levels other than 1). */
  raw: DeflateRaw;
  /** png-deflate.ts (level 1) and the Huffman builders it takes. */
  rle: typeof deflateRle;
  huffman: HuffmanBuilders;
}

export function encodePngStrip(kernels: PngKernels, src: Uint8Array, width: number, rowStart: number, rowEnd: number, options: PngStripOptions, deflaters: StripDeflaters, outbox: Uint8Array): PngStrip {
  const stride = width * 3;
  const rows = rowEnd - rowStart;
  const length = rows * (stride + 1);
  // Memory: the row above the strip, the strip's rows, the filtered lines,
  // deflate's tables, its output (16 bytes of slack after each).
  const input = stride;
  const lines = (input + rows * stride + 32) & ~15;
  const tables = (lines + length + 32) & ~15;
  const out = tables + 2048;
  const end = out + outbox.length + 32;
  const have = kernels.memory.buffer.byteLength;
  if (end > have) kernels.memory.grow(Math.ceil((end - have) / 65536));
  const first = rowStart === 0 ? 0 : rowStart - 1;
  new Uint8Array(kernels.memory.buffer).set(src.subarray(first * stride, rowEnd * stride), input - (rowStart - first) * stride);
  kernels.filterUp(input, lines, stride, rows, rowStart === 0 ? 1 : 0);
  const adler = kernels.adler32(lines, length, 1) >>> 0;
  if (options.level === 1) {
    const stop = deflaters.rle(kernels, deflaters.huffman, lines, length, options.final, tables, out);
    outbox.set(new Uint8Array(kernels.memory.buffer, out, stop - out));
    return { deflatedLength: stop - out, adler, length };
  }
  const deflated = deflaters.raw(new Uint8Array(kernels.memory.buffer, lines, length), options);
  outbox.set(deflated);
  return { deflatedLength: deflated.length, adler, length };
}
