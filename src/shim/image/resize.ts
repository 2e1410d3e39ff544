/**
 * The two resamplers V2 used, with PIL's exact pixels: Lanczos is a port of
 * Pillow's separable resampler, Nearest of its scale-affine sampling.
 */
import type { RgbImage } from '../backend.js';
import { lanczosResize } from './lanczos.js';
import { nearestResize } from './nearest.js';

export function resizeLanczos(image: RgbImage, width: number, height: number): RgbImage {
  return lanczosResize(image, width, height);
}

export function resizeNearest(image: RgbImage, width: number, height: number): RgbImage {
  return nearestResize(image, width, height);
}
