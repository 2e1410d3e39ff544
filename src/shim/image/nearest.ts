/**
 * PIL's NEAREST resize (Image.resize -> ImagingTransform affine ->
 * ImagingScaleAffine). The source coordinate starts at half a step and is
 * advanced by repeated addition of W / w in double precision, then truncated:
 * at factors like x2.5 many samples land exactly on a pixel border, and the
 * accumulated rounding decides which side, so a closed-form floor((x + 0.5) * W / w)
 * picks the other pixel there. Samples that fall outside the source stay black.
 */
import type { RgbImage } from '../backend.js';
import { copyImage, imageBytes } from './image-buffers.js';

/** Source index per output index, or -1 where PIL leaves the pixel black. */
function sourceIndices(inSize: number, outSize: number): Int32Array {
  const step = Math.fround(inSize) / outSize;
  const table = new Int32Array(outSize);
  let pos = step * 0.5;
  for (let i = 0; i < outSize; i++) {
    const s = pos < 0 ? -1 : Math.trunc(pos);
    table[i] = s < inSize ? s : -1;
    pos += step;
  }
  return table;
}

export function nearestResize(image: RgbImage, width: number, height: number): RgbImage {
  if (width === image.width && height === image.height) return copyImage(image);
  const xs = sourceIndices(image.width, width);
  const ys = sourceIndices(image.height, height);
  const src = image.data;
  const out = imageBytes(width * height * 3); // zeroed: PIL's black fill
  const stride = width * 3;
  for (let y = 0; y < height; y++) {
    if (ys[y] < 0) continue;
    const o = y * stride;
    // Upscales repeat source rows: copy the output row already made from it.
    if (y > 0 && ys[y] === ys[y - 1]) {
      out.copyWithin(o, o - stride, o);
      continue;
    }
    const rowIn = ys[y] * image.width * 3;
    for (let x = 0, p = o; x < width; x++, p += 3) {
      if (xs[x] < 0) continue;
      const i = rowIn + xs[x] * 3;
      out[p] = src[i];
      out[p + 1] = src[i + 1];
      out[p + 2] = src[i + 2];
    }
  }
  return { width, height, data: out };
}
