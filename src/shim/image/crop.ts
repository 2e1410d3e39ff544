/**
 * A1111's crop: paste the image centred on a black w x h canvas at
 * (w // 2 - iw // 2, h // 2 - ih // 2). When the image covers the canvas this
 * is a centre crop; the offsets (Python floor division) are reproduced exactly.
 */
import type { RgbImage } from '../backend.js';

const floorDiv = (a: number, b: number): number => Math.floor(a / b);

export function pasteCentred(image: RgbImage, width: number, height: number): RgbImage {
  const out = Buffer.alloc(width * height * 3);
  const left = floorDiv(width, 2) - floorDiv(image.width, 2);
  const top = floorDiv(height, 2) - floorDiv(image.height, 2);
  for (let y = 0; y < height; y++) {
    const srcY = y - top;
    if (srcY < 0 || srcY >= image.height) continue;
    for (let x = 0; x < width; x++) {
      const srcX = x - left;
      if (srcX < 0 || srcX >= image.width) continue;
      const i = (srcY * image.width + srcX) * 3;
      const o = (y * width + x) * 3;
      out[o] = image.data[i]!;
      out[o + 1] = image.data[i + 1]!;
      out[o + 2] = image.data[i + 2]!;
    }
  }
  return { width, height, data: out };
}
