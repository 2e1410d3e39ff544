/**
 * Decode a V2 `image` (base64, with or without a data-URL prefix; PNG, JPEG
 * or WebP) to RGB. A1111 does `image.convert("RGB")`, which drops alpha
 * without compositing: so does this.
 */
import sharp from 'sharp';
import { V2_CODES } from '../../spec/codes.js';
import { V2Error, type RgbImage } from '../backend.js';

const DATA_URL = /^data:[^;,]*(?:;[^,]*)?,/i;

export function base64Payload(image: string): string {
  return image.replace(DATA_URL, '').replace(/\s+/g, '');
}

export async function decodeImage(image: string): Promise<RgbImage> {
  const payload = base64Payload(image);
  if (payload.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(payload)) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, '`image` is not valid base64');
  }
  const bytes = Buffer.from(payload, 'base64');
  try {
    const img = sharp(bytes, { failOn: 'error' });
    const meta = await img.metadata();
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw new Error(`unsupported format ${meta.format ?? 'unknown'}`);
    const { data, info } = await img.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) {
      // Greyscale input: expand to RGB the way PIL does (R = G = B = L).
      const rgb = Buffer.alloc(info.width * info.height * 3);
      for (let i = 0, j = 0; i < data.length; i += info.channels, j += 3) rgb[j] = rgb[j + 1] = rgb[j + 2] = data[i]!;
      return { width: info.width, height: info.height, data: rgb };
    }
    return { width: info.width, height: info.height, data };
  } catch (err) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, `\`image\` could not be decoded as PNG, JPEG or WebP (${(err as Error).message})`);
  }
}
