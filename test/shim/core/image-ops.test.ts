import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { blend } from '../../../src/shim/image/blend.js';
import { pasteCentred } from '../../../src/shim/image/crop.js';
import { decodeImage } from '../../../src/shim/image/decode.js';
import { resizeNearest } from '../../../src/shim/image/resize.js';
import { destinationSize, geometryOf } from '../../../src/shim/sizes.js';
import { validateV2UpscaleBody } from '../../../src/shim/validate-request.js';
import { gradient, pixel, pngBase64 } from './helpers.js';

describe('V2 geometry (A1111)', () => {
  it.each([
    [512, 512, 2, 1024, 1024],
    [500, 333, 2, 1000, 664], // 666 -> floor to a multiple of 8
    [100, 75, 3.3, 328, 240], // 330 -> 328, 247.5 -> 240
    [64, 64, 1.5, 96, 96],
  ])('%ix%i scaled by %f lands on %ix%i', (w, h, s, dw, dh) => {
    expect(destinationSize(w, h, s)).toEqual({ width: dw, height: dh });
  });

  it('mode 1 scales to cover w x h (s = max(w/W, h/H)) and crops to exactly w x h', () => {
    const req = validateV2UpscaleBody({ image: 'x', upscaler_1: 'Lanczos', resize_mode: 1, upscaling_resize_w: 300, upscaling_resize_h: 100, upscaling_crop: true });
    const g = geometryOf(req, 200, 200);
    expect(g.scale).toBe(1.5);
    expect(g.dest).toEqual({ width: 296, height: 296 });
    expect(g.output).toEqual({ width: 300, height: 100 });
    const noCrop = geometryOf({ ...req, crop: false }, 200, 200);
    expect(noCrop.output).toEqual({ width: 296, height: 296 });
  });
});

describe('pixel operations', () => {
  it('Nearest walks the source like PIL: start at half a step, add W / w each pixel, truncate', () => {
    // x2.5 (10 -> 25): output 7 sits on the border between source 2 and 3. PIL's
    // running sum lands at 2.9999999999999996 (source 2), where the closed form
    // floor((7 + 0.5) * 10 / 25) says 3. Other columns agree.
    const src = gradient(10, 1);
    const out = resizeNearest(src, 25, 1);
    const columns = Array.from({ length: 25 }, (_, x) => pixel(out, x, 0)[0]);
    expect(columns).toEqual([0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 4, 4, 5, 5, 5, 6, 6, 7, 7, 7, 8, 8, 9, 9, 9]);
  });

  it('crops centred with Python floor-division offsets', () => {
    const src = gradient(11, 9);
    const out = pasteCentred(src, 4, 3);
    // left = 4//2 - 11//2 = -3, top = 3//2 - 9//2 = -3: output (0,0) is source (3,3)
    expect(pixel(out, 0, 0)).toEqual(pixel(src, 3, 3));
    expect(pixel(out, 3, 2)).toEqual(pixel(src, 6, 5));
  });

  it('blends like PIL Image.blend: a + v * (b - a), truncated', () => {
    const a = { width: 1, height: 1, data: Buffer.from([10, 200, 0]) };
    const b = { width: 1, height: 1, data: Buffer.from([20, 100, 255]) };
    // 10 + 0.35 * 10 = 13.5 -> 13; 200 + 0.35 * -100 = 165; 0 + 0.35 * 255 = 89.25 -> 89
    expect([...blend(a, b, 0.35).data]).toEqual([13, 165, 89]);
    expect([...blend(a, b, 0).data]).toEqual([10, 200, 0]);
    expect([...blend(a, b, 1).data]).toEqual([20, 100, 255]);
  });

  it('decodes base64 with or without a data-URL prefix; drops alpha like convert("RGB")', async () => {
    const img = gradient(4, 4);
    const b64 = await pngBase64(img, true);
    const plain = await decodeImage(b64);
    const prefixed = await decodeImage(`data:image/png;base64,${b64}`);
    expect(plain).toEqual({ width: 4, height: 4, data: img.data });
    expect(prefixed.data.equals(img.data)).toBe(true);
  });

  it('decodes JPEG and WebP', async () => {
    const img = gradient(8, 8);
    for (const format of ['jpeg', 'webp'] as const) {
      const bytes = await sharp(img.data, { raw: { width: 8, height: 8, channels: 3 } })[format]().toBuffer();
      const decoded = await decodeImage(bytes.toString('base64'));
      expect([decoded.width, decoded.height, decoded.data.length]).toEqual([8, 8, 192]);
    }
  });
});
