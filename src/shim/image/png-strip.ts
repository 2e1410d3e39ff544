/**
 * One horizontal strip of a PNG's image data: rows filtered with PNG's "Up"
 * filter (each byte minus the byte above; cheap, and upscaled images are
 * smooth vertically), the Adler-32 of the filtered bytes, and the bytes
 * deflated as a raw deflate segment. Every strip but the last ends with a
 * sync flush (byte-aligned, not final), so segments deflated independently,
 * on different threads, concatenate into one valid zlib stream.
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * this very function from its source text, with its own zlib.
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

export type DeflateRaw = (data: Uint8Array, options: PngStripOptions) => Uint8Array;
/** Working memory of at least `length` bytes (callers reuse it: fresh pages are slow to touch). */
export type Scratch = (length: number) => Uint8Array;

/** A Scratch that keeps one buffer and replaces it only when it is too small. */
export function growingScratch(): Scratch {
  let buffer = new Uint8Array(0);
  return (length) => (buffer.length >= length ? buffer : (buffer = new Uint8Array(length)));
}

export function encodePngStrip(
  src: Uint8Array,
  width: number,
  rowStart: number,
  rowEnd: number,
  options: PngStripOptions,
  deflateRaw: DeflateRaw,
  scratch: Scratch,
): PngStrip {
  const stride = width * 3;
  const line = stride + 1;
  const filtered = scratch((rowEnd - rowStart) * line).subarray(0, (rowEnd - rowStart) * line);
  // Adler-32 computed while filtering, reduced modulo 65521 once per row:
  // a row's sums stay far below 2^53, so double arithmetic is exact.
  let a = 1;
  let b = 0;
  let o = 0;
  for (let y = rowStart; y < rowEnd; y++) {
    const row = y * stride;
    const filter = y === 0 ? 0 : 2; // None on the image's first row, Up below
    filtered[o++] = filter;
    a += filter;
    b += a;
    if (filter === 0) {
      for (let i = 0; i < stride; i++) {
        const v = src[row + i];
        filtered[o++] = v;
        a += v;
        b += a;
      }
    } else {
      const above = row - stride;
      for (let i = 0; i < stride; i++) {
        const v = (src[row + i] - src[above + i]) & 255;
        filtered[o++] = v;
        a += v;
        b += a;
      }
    }
    a %= 65521;
    b %= 65521;
  }
  return { deflated: deflateRaw(filtered, options), adler: ((b << 16) | a) >>> 0, length: filtered.length };
}
