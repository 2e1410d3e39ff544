/**
 * One horizontal strip of a PNG's image data: rows filtered with PNG's "Up"
 * filter (each byte minus the byte above; cheap, and upscaled images are
 * smooth vertically), the Adler-32 of the filtered bytes, and the bytes
 * deflated as a raw deflate segment. Every strip but the last ends with a
 * sync flush (byte-aligned, not final), so segments deflated independently,
 * on different threads, concatenate into one valid zlib stream. Filter and
 * checksum run in the WebAssembly SIMD kernels (png-kernels.wat).
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * this very function from its source text, with its own zlib and kernels.
 */

export interface PngStripOptions {
  /** zlib level, 0..9. */
  level: number;
  /** zlib strategy (Z_DEFAULT_STRATEGY, Z_RLE, ...). */
  strategy: number;
  /** Z_FINISH for the last strip, Z_SYNC_FLUSH for the others. */
  finishFlush: number;
  /** zlib's output buffer size. */
  chunkSize: number;
}

export interface PngStrip {
  deflated: Uint8Array;
  adler: number;
  /** Filtered bytes in the strip (rows * (1 + width * 3)). */
  length: number;
}

export interface PngKernels {
  memory: WebAssembly.Memory;
  filterUp(src: number, dst: number, stride: number, rows: number, firstNone: number): void;
  adler32(ptr: number, len: number, adler: number): number;
}

export type DeflateRaw = (data: Uint8Array, options: PngStripOptions) => Uint8Array;

export function encodePngStrip(kernels: PngKernels, src: Uint8Array, width: number, rowStart: number, rowEnd: number, options: PngStripOptions, deflateRaw: DeflateRaw): PngStrip {
  const stride = width * 3;
  const rows = rowEnd - rowStart;
  const length = rows * (stride + 1);
  // Memory: the row above the strip, the strip's rows, then the filtered lines (16 bytes of slack after each).
  const input = stride;
  const lines = (input + rows * stride + 32) & ~15;
  const end = lines + length + 32;
  const have = kernels.memory.buffer.byteLength;
  if (end > have) kernels.memory.grow(Math.ceil((end - have) / 65536));
  const first = rowStart === 0 ? 0 : rowStart - 1;
  new Uint8Array(kernels.memory.buffer).set(src.subarray(first * stride, rowEnd * stride), input - (rowStart - first) * stride);
  kernels.filterUp(input, lines, stride, rows, rowStart === 0 ? 1 : 0);
  const adler = kernels.adler32(lines, length, 1) >>> 0;
  return { deflated: deflateRaw(new Uint8Array(kernels.memory.buffer, lines, length), options), adler, length };
}
