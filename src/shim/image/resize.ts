/**
 * The two resamplers V2 used, with PIL's exact pixels: Lanczos is a port of
 * Pillow's separable resampler, Nearest of its scale-affine sampling.
 * Large Lanczos resizes run on the image workers.
 */
import type { RgbImage } from '../backend.js';
import { lanczosResizeParallel, lanczosResizeSync } from './lanczos.js';
import { nearestResize } from './nearest.js';
import { imagePoolFor } from './worker-pool.js';

export async function resizeLanczos(image: RgbImage, width: number, height: number): Promise<RgbImage> {
  const pool = imagePoolFor(width * height);
  return pool ? lanczosResizeParallel(image, width, height, pool) : lanczosResizeSync(image, width, height);
}

export function resizeNearest(image: RgbImage, width: number, height: number): RgbImage {
  return nearestResize(image, width, height);
}
