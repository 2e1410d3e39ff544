/**
 * Pillow's resampling weights for LANCZOS (libImaging/Resample.c), computed
 * the same way so the fixed-point sums, and therefore the pixels, are PIL's:
 * a window of input pixels per output pixel, the window widened by the
 * downscale factor, weights normalised to sum to 1, then rounded to fixed
 * point with PRECISION_BITS = 32 - 8 - 2 (8 bits of result, 2 for overshoot).
 */

const PRECISION_BITS = 22;

const LANCZOS_SUPPORT = 3;

export interface ResampleCoefficients {
  /** Weights per output pixel (the stride of `weights`). */
  ksize: number;
  /** Per output pixel: first input index, then how many inputs it reads. */
  bounds: Int32Array;
  /** Fixed-point weights, `ksize` per output pixel. */
  weights: Int32Array;
}

function sinc(x: number): number {
  if (x === 0) return 1;
  const px = x * Math.PI;
  return Math.sin(px) / px;
}

/** Lanczos-3 in Pillow's form: half-open on the right. */
function lanczos(x: number): number {
  return x >= -LANCZOS_SUPPORT && x < LANCZOS_SUPPORT ? sinc(x) * sinc(x / LANCZOS_SUPPORT) : 0;
}

export function lanczosCoefficients(inSize: number, outSize: number): ResampleCoefficients {
  // Pillow passes the box edges as C floats: exact for image sizes.
  const scale = Math.fround(inSize) / outSize;
  const filterScale = scale < 1 ? 1 : scale;
  const support = LANCZOS_SUPPORT * filterScale;
  const ksize = Math.ceil(support) * 2 + 1;
  const bounds = new Int32Array(outSize * 2);
  const weights = new Int32Array(outSize * ksize);
  const k = new Float64Array(ksize);
  const inverse = 1 / filterScale;
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    // C's (int) truncates toward zero; a negative start is clamped to 0 anyway.
    const xmin = Math.max(0, Math.trunc(center - support + 0.5));
    const xmax = Math.min(inSize, Math.trunc(center + support + 0.5)) - xmin;
    let sum = 0;
    for (let x = 0; x < xmax; x++) {
      const w = lanczos((x + xmin - center + 0.5) * inverse);
      k[x] = w;
      sum += w;
    }
    const base = xx * ksize;
    for (let x = 0; x < xmax; x++) {
      const w = sum !== 0 ? k[x] / sum : k[x];
      // Round half away from zero, as Pillow's (int)(w * 2^22 +- 0.5).
      weights[base + x] = Math.trunc(w < 0 ? -0.5 + w * (1 << PRECISION_BITS) : 0.5 + w * (1 << PRECISION_BITS));
    }
    bounds[xx * 2] = xmin;
    bounds[xx * 2 + 1] = Math.max(0, xmax);
  }
  return { ksize, bounds, weights };
}
