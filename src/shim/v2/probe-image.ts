/**
 * Checks an upload's size from its header, before any pixel is decoded: a
 * small PNG can declare 16000x16000 (~730 MB decoded). sharp's metadata()
 * reads the header only.
 */
import sharp from 'sharp';
import { V2_CODES } from '../../spec/codes.js';
import { V2Error } from '../backend.js';
import { checkOutputSize } from '../pipeline.js';
import type { ValidatedV2Request } from '../validate-request.js';

/** The largest input decoded at all (4096x4096 = 48 MB as RGB); a mode-1 downscale is the only reason to send more than 2048. */
export const MAX_INPUT_PIXELS = 4096 * 4096;

export interface ImageSize {
  width: number;
  height: number;
}

export async function probeImageSize(image: string): Promise<ImageSize> {
  const payload = image.replace(/^data:[^;,]*(?:;[^,]*)?,/i, '').replace(/\s+/g, '');
  if (payload.length === 0 || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(payload)) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, '`image` is not valid base64');
  }
  try {
    const meta = await sharp(Buffer.from(payload, 'base64'), { limitInputPixels: false }).metadata();
    if (!meta.format || !['png', 'jpeg', 'webp'].includes(meta.format)) throw new Error(`unsupported format ${meta.format ?? 'unknown'}`);
    if (!meta.width || !meta.height) throw new Error('no dimensions in the header');
    return { width: meta.width, height: meta.height };
  } catch (err) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, `\`image\` could not be decoded as PNG, JPEG or WebP (${(err as Error).message})`);
  }
}

/** Refuses an oversized input or output (V2 code 6) from the header alone. */
export async function probeAndCheck(req: ValidatedV2Request): Promise<ImageSize> {
  const size = await probeImageSize(req.image);
  if (size.width * size.height > MAX_INPUT_PIXELS) {
    throw new V2Error(V2_CODES.ParamRangeOutOfLimit, `\`image\` is ${size.width}x${size.height}; at most ${MAX_INPUT_PIXELS} pixels are accepted`);
  }
  checkOutputSize(req, size.width, size.height);
  return size;
}
