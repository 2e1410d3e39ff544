/**
 * Pixel buffers of the image ops (resize, blend, crop), lent from the pool of
 * shared memory (shared-bytes.ts) and given back when the task that made them
 * is done with them.
 *
 * Why: touching fresh memory is the most expensive thing the image path does
 * on these machines (a 2048x2048 RGB image is 12 MB, ~45 ms of page faults
 * measured, more than the Lanczos arithmetic); pages given back and lent
 * again are already mapped. Shared memory also lets the PNG encoder hand rows
 * to its workers without a copy.
 */
import type { RgbImage } from '../backend.js';
import { releaseBytes, sharedBytes } from './shared-bytes.js';

/** `length` bytes for an image op's output: zeroed unless `zeroed` is false. */
export function imageBytes(length: number, zeroed = true): Buffer {
  return sharedBytes(length, zeroed);
}

/**
 * Gives an image's pixels back for reuse, unless one of `keep` still uses
 * them. Only for an image nobody reads again: its bytes will be another
 * image's. Images not from the pool (decoded, a backend's) are left alone.
 */
export function releaseImage(image: RgbImage, ...keep: RgbImage[]): void {
  if (keep.some((k) => k.data.buffer === image.data.buffer)) return;
  releaseBytes(image.data);
}

/** A copy of an image's pixels, on the pool. */
export function copyImage(image: RgbImage): RgbImage {
  const data = imageBytes(image.data.length, false);
  data.set(image.data);
  return { width: image.width, height: image.height, data };
}
