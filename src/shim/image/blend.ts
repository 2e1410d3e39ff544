/**
 * PIL `Image.blend(a, b, v)` on 8-bit channels, as Pillow's ImagingBlend:
 * v = 0 and v = 1 are copies of a and b; otherwise each sample is
 * (UINT8)(a + v * (b - a)) in single precision, truncated. The result depends
 * only on the pair (a, b), so it is computed once for all 65536 pairs and
 * then looked up per sample.
 */
import type { RgbImage } from '../backend.js';

function blendTable(alpha: number): Uint8Array {
  const v = Math.fround(alpha);
  const table = new Uint8Array(65536);
  for (let x = 0; x < 256; x++) {
    for (let y = 0; y < 256; y++) {
      const t = Math.fround(x + Math.fround(v * (y - x)));
      // Pillow clips only for weights outside [0, 1]; inside, t is already in range.
      table[(x << 8) | y] = t <= 0 ? 0 : t >= 255 ? 255 : Math.trunc(t);
    }
  }
  return table;
}

export function blend(a: RgbImage, b: RgbImage, alpha: number): RgbImage {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`blend: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  if (alpha === 0) return { width: a.width, height: a.height, data: Buffer.from(a.data) };
  if (alpha === 1) return { width: b.width, height: b.height, data: Buffer.from(b.data) };
  const table = blendTable(alpha);
  const x = a.data;
  const y = b.data;
  const out = Buffer.allocUnsafe(x.length);
  for (let i = 0; i < out.length; i++) out[i] = table[(x[i] << 8) | y[i]];
  return { width: a.width, height: a.height, data: out };
}
