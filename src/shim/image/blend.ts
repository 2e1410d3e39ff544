/**
 * PIL `Image.blend(a, b, v)` on 8-bit channels: out = a + v * (b - a),
 * computed in single precision and truncated (clamped to 0..255), as
 * Pillow's ImagingBlend does.
 */
import type { RgbImage } from '../backend.js';

export function blend(a: RgbImage, b: RgbImage, alpha: number): RgbImage {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`blend: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  const v = Math.fround(alpha);
  const out = Buffer.alloc(a.data.length);
  for (let i = 0; i < out.length; i++) {
    const x = a.data[i]!;
    const temp = Math.fround(x + Math.fround(v * (b.data[i]! - x)));
    out[i] = temp <= 0 ? 0 : temp >= 255 ? 255 : Math.trunc(temp);
  }
  return { width: a.width, height: a.height, data: out };
}
