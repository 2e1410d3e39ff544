import sharp from 'sharp';
import type { RgbImage } from '../../../src/shim/backend.js';

/** A deterministic RGB test image: r = x, g = y, b = (x * 7 + y * 13) % 256. */
export function gradient(width: number, height: number): RgbImage {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 3;
      data[o] = x % 256;
      data[o + 1] = y % 256;
      data[o + 2] = (x * 7 + y * 13) % 256;
    }
  return { width, height, data };
}

export async function pngBase64(img: RgbImage, alpha = false): Promise<string> {
  let s = sharp(img.data, { raw: { width: img.width, height: img.height, channels: 3 } });
  if (alpha) s = s.ensureAlpha(0.5);
  return (await s.png().toBuffer()).toString('base64');
}

export const pixel = (img: RgbImage, x: number, y: number): number[] => {
  const o = (y * img.width + x) * 3;
  return [img.data[o]!, img.data[o + 1]!, img.data[o + 2]!];
};
