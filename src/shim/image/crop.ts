/**
 * A1111's crop: paste the image centred on a black w x h canvas at
 * (w // 2 - iw // 2, h // 2 - ih // 2). When the image covers the canvas this
 * is a centre crop; the offsets (Python floor division) are reproduced exactly.
 */
import type { RgbImage } from '../backend.js';
import { imageBytes } from './image-buffers.js';

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export function pasteCentred(image: RgbImage, width: number, height: number): RgbImage {
  const out = imageBytes(width * height * 3); // zeroed: the black canvas
  const left = floorDiv(width, 2) - floorDiv(image.width, 2);
  const top = floorDiv(height, 2) - floorDiv(image.height, 2);
  // The columns of the image that land on the canvas, copied row by row.
  const x0 = Math.max(0, left);
  const x1 = Math.min(width, left + image.width);
  if (x1 <= x0) return { width, height, data: out };
  for (let y = Math.max(0, top); y < Math.min(height, top + image.height); y++) {
    const from = ((y - top) * image.width + (x0 - left)) * 3;
    image.data.copy(out, (y * width + x0) * 3, from, from + (x1 - x0) * 3);
  }
  return { width, height, data: out };
}
