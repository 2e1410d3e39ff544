/**
 * The two separable passes of Pillow's resampler on packed 8-bit RGB, over a
 * range of output rows so they can be split across threads. Each pass sums
 * 8-bit samples times fixed-point weights (the sums stay inside int32, as in
 * Pillow), rounds, and clips to 0..255 before the next pass reads them.
 * Self-contained (no imports) because the worker runs the same code.
 */

export interface PassCoefficients {
  ksize: number;
  bounds: Int32Array;
  weights: Int32Array;
}

/**
 * Horizontal pass: output rows [rowStart, rowEnd) of `dst` (width `dstWidth`)
 * read input rows rowStart + rowOffset ... of `src` (width `srcWidth`).
 */
export function lanczosHorizontalRows(
  src: Uint8Array,
  srcWidth: number,
  dst: Uint8ClampedArray,
  dstWidth: number,
  c: PassCoefficients,
  rowOffset: number,
  rowStart: number,
  rowEnd: number,
): void {
  const { ksize, bounds, weights } = c;
  const half = 1 << 21;
  for (let y = rowStart; y < rowEnd; y++) {
    const inRow = (y + rowOffset) * srcWidth * 3;
    let o = y * dstWidth * 3;
    for (let xx = 0; xx < dstWidth; xx++) {
      const n = bounds[xx * 2 + 1];
      const kb = xx * ksize;
      let p = inRow + bounds[xx * 2] * 3;
      let s0 = half;
      let s1 = half;
      let s2 = half;
      for (let t = 0; t < n; t++, p += 3) {
        const w = weights[kb + t];
        s0 += src[p] * w;
        s1 += src[p + 1] * w;
        s2 += src[p + 2] * w;
      }
      // The clamped array clips to 0..255, like Pillow's clip8.
      dst[o++] = s0 >> 22;
      dst[o++] = s1 >> 22;
      dst[o++] = s2 >> 22;
    }
  }
}

/**
 * Vertical pass: output rows [rowStart, rowEnd) of `dst`; `src` has the same
 * width. Accumulates whole rows, one weight at a time, to read memory in order.
 */
export function lanczosVerticalRows(src: Uint8Array, dst: Uint8ClampedArray, width: number, c: PassCoefficients, rowStart: number, rowEnd: number): void {
  const { ksize, bounds, weights } = c;
  const stride = width * 3;
  const acc = new Int32Array(stride);
  for (let yy = rowStart; yy < rowEnd; yy++) {
    const first = bounds[yy * 2];
    const n = bounds[yy * 2 + 1];
    const kb = yy * ksize;
    acc.fill(1 << 21);
    for (let t = 0; t < n; t++) {
      const w = weights[kb + t];
      const inRow = (first + t) * stride;
      for (let i = 0; i < stride; i++) acc[i] += src[inRow + i] * w;
    }
    const o = yy * stride;
    for (let i = 0; i < stride; i++) dst[o + i] = acc[i] >> 22;
  }
}
