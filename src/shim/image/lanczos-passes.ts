/**
 * The two separable passes of Pillow's resampler on packed 8-bit RGB, over a
 * range of output rows so they can be split across threads. Each pass sums
 * 8-bit samples times fixed-point weights (the sums stay inside int32, as in
 * Pillow), adds half, shifts by PRECISION_BITS (22) and clips to 0..255
 * before the next pass reads the result.
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * these very functions from their source text.
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
  dst: Uint8Array,
  dstWidth: number,
  c: PassCoefficients,
  rowOffset: number,
  rowStart: number,
  rowEnd: number,
): void {
  const { ksize, bounds, weights } = c;
  for (let y = rowStart; y < rowEnd; y++) {
    const inRow = (y + rowOffset) * srcWidth * 3;
    let o = y * dstWidth * 3;
    for (let xx = 0; xx < dstWidth; xx++) {
      const n = bounds[xx * 2 + 1];
      const kb = xx * ksize;
      let p = inRow + bounds[xx * 2] * 3;
      let s0 = 2097152; // half of 1 << 22: round to nearest
      let s1 = 2097152;
      let s2 = 2097152;
      if (n === 6) {
        // The usual window when upscaling: unrolled.
        const k0 = weights[kb];
        const k1 = weights[kb + 1];
        const k2 = weights[kb + 2];
        const k3 = weights[kb + 3];
        const k4 = weights[kb + 4];
        const k5 = weights[kb + 5];
        s0 += src[p] * k0 + src[p + 3] * k1 + src[p + 6] * k2 + src[p + 9] * k3 + src[p + 12] * k4 + src[p + 15] * k5;
        s1 += src[p + 1] * k0 + src[p + 4] * k1 + src[p + 7] * k2 + src[p + 10] * k3 + src[p + 13] * k4 + src[p + 16] * k5;
        s2 += src[p + 2] * k0 + src[p + 5] * k1 + src[p + 8] * k2 + src[p + 11] * k3 + src[p + 14] * k4 + src[p + 17] * k5;
      } else {
        for (let t = 0; t < n; t++, p += 3) {
          const w = weights[kb + t];
          s0 += src[p] * w;
          s1 += src[p + 1] * w;
          s2 += src[p + 2] * w;
        }
      }
      s0 >>= 22;
      s1 >>= 22;
      s2 >>= 22;
      dst[o++] = s0 < 0 ? 0 : s0 > 255 ? 255 : s0;
      dst[o++] = s1 < 0 ? 0 : s1 > 255 ? 255 : s1;
      dst[o++] = s2 < 0 ? 0 : s2 > 255 ? 255 : s2;
    }
  }
}

/**
 * Vertical pass: output rows [rowStart, rowEnd) of `dst`; `src` has the same
 * width. An output row is a weighted sum of a few whole input rows, so up to
 * six (or eight) taps run as one straight loop over the row (missing taps get
 * weight 0), which reads memory in order; wider windows (downscales) sum
 * per sample.
 */
export function lanczosVerticalRows(src: Uint8Array, dst: Uint8Array, width: number, c: PassCoefficients, rowStart: number, rowEnd: number): void {
  const { ksize, bounds, weights } = c;
  const stride = width * 3;
  for (let yy = rowStart; yy < rowEnd; yy++) {
    const n = bounds[yy * 2 + 1];
    const kb = yy * ksize;
    const r0 = bounds[yy * 2] * stride;
    const o = yy * stride;
    if (n > 8) {
      for (let i = 0; i < stride; i++) {
        let s = 2097152;
        for (let t = 0, p = r0 + i; t < n; t++, p += stride) s += src[p] * weights[kb + t];
        s >>= 22;
        dst[o + i] = s < 0 ? 0 : s > 255 ? 255 : s;
      }
      continue;
    }
    // Absent taps read row r0 with weight 0.
    const r1 = n > 1 ? r0 + stride : r0;
    const r2 = n > 2 ? r0 + 2 * stride : r0;
    const r3 = n > 3 ? r0 + 3 * stride : r0;
    const r4 = n > 4 ? r0 + 4 * stride : r0;
    const r5 = n > 5 ? r0 + 5 * stride : r0;
    const k0 = n > 0 ? weights[kb] : 0;
    const k1 = n > 1 ? weights[kb + 1] : 0;
    const k2 = n > 2 ? weights[kb + 2] : 0;
    const k3 = n > 3 ? weights[kb + 3] : 0;
    const k4 = n > 4 ? weights[kb + 4] : 0;
    const k5 = n > 5 ? weights[kb + 5] : 0;
    if (n <= 6) {
      for (let i = 0; i < stride; i++) {
        const s = (2097152 + src[r0 + i] * k0 + src[r1 + i] * k1 + src[r2 + i] * k2 + src[r3 + i] * k3 + src[r4 + i] * k4 + src[r5 + i] * k5) >> 22;
        dst[o + i] = s < 0 ? 0 : s > 255 ? 255 : s;
      }
      continue;
    }
    const r6 = r0 + 6 * stride;
    const r7 = n > 7 ? r0 + 7 * stride : r0;
    const k6 = weights[kb + 6];
    const k7 = n > 7 ? weights[kb + 7] : 0;
    for (let i = 0; i < stride; i++) {
      const s =
        (2097152 + src[r0 + i] * k0 + src[r1 + i] * k1 + src[r2 + i] * k2 + src[r3 + i] * k3 + src[r4 + i] * k4 + src[r5 + i] * k5 + src[r6 + i] * k6 + src[r7 + i] * k7) >> 22;
      dst[o + i] = s < 0 ? 0 : s > 255 ? 255 : s;
    }
  }
}
