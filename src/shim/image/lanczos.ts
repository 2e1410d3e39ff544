/**
 * PIL's `Image.resize(size, LANCZOS)` on one thread, in Pillow's order
 * (ImagingResampleInner): horizontal pass first over only the input rows the
 * vertical pass will read, then the vertical pass; a pass whose dimension
 * does not change is skipped, and an unchanged size is a copy.
 */
import type { RgbImage } from '../backend.js';
import { lanczosCoefficients, type ResampleCoefficients } from './lanczos-coefficients.js';
import { lanczosHorizontalRows, lanczosVerticalRows } from './lanczos-passes.js';

export interface LanczosPlan {
  horizontal?: ResampleCoefficients;
  vertical?: ResampleCoefficients;
  /** First input row the vertical pass reads (0 when it is skipped). */
  firstRow: number;
  /** Rows of the intermediate image. */
  tempHeight: number;
}

export function planLanczos(inWidth: number, inHeight: number, width: number, height: number): LanczosPlan {
  const vertical = height !== inHeight ? lanczosCoefficients(inHeight, height) : undefined;
  const horizontal = width !== inWidth ? lanczosCoefficients(inWidth, width) : undefined;
  if (!vertical) return { horizontal, firstRow: 0, tempHeight: inHeight };
  const firstRow = vertical.bounds[0];
  const lastRow = vertical.bounds[height * 2 - 2] + vertical.bounds[height * 2 - 1];
  // The vertical bounds become relative to the intermediate image's first row.
  if (horizontal) for (let i = 0; i < height; i++) vertical.bounds[i * 2] -= firstRow;
  return horizontal ? { horizontal, vertical, firstRow, tempHeight: lastRow - firstRow } : { vertical, firstRow: 0, tempHeight: inHeight };
}

export const clampedView = (b: Uint8Array): Uint8ClampedArray => new Uint8ClampedArray(b.buffer, b.byteOffset, b.byteLength);

export function lanczosResizeSync(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return { width, height, data: Buffer.from(image.data) };
  const plan = planLanczos(image.width, image.height, width, height);
  let src: Uint8Array = image.data;
  if (plan.horizontal) {
    const temp = Buffer.allocUnsafe(width * plan.tempHeight * 3);
    lanczosHorizontalRows(src, image.width, clampedView(temp), width, plan.horizontal, plan.firstRow, 0, plan.tempHeight);
    src = temp;
  }
  if (!plan.vertical) return { width, height, data: src as Buffer };
  const out = Buffer.allocUnsafe(width * height * 3);
  lanczosVerticalRows(src, clampedView(out), width, plan.vertical, 0, height);
  return { width, height, data: out };
}
