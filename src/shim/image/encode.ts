/**
 * Image output. PNG (V2's format, lossless) is written by the strip-parallel
 * encoder; WebP and JPEG, the other types V3 clients ask for
 * (`response_image_type`), go through sharp.
 */
import sharp from 'sharp';
import type { V3_RESPONSE_IMAGE_TYPES } from '../../spec/v3.js';
import type { RgbImage } from '../backend.js';
import { encodePngStrips } from './png-encoder.js';
import { imagePoolFor } from './worker-pool.js';

export type OutputFormat = (typeof V3_RESPONSE_IMAGE_TYPES)[number];

export interface EncodeOptions {
  /** Default 'png'. */
  format?: OutputFormat;
  /** PNG: zlib level 0..9 (default 1: run-length only, fastest; higher is smaller and slower). All lossless. */
  compressionLevel?: number;
  /** WebP and JPEG: 1..100 (sharp's default 80). WebP at 100 is lossless. */
  quality?: number;
}

export async function encodeImage(image: RgbImage, options: EncodeOptions = {}): Promise<Buffer> {
  const format = options.format ?? 'png';
  if (format === 'png') {
    return encodePngStrips(image, imagePoolFor(image.width * image.height), { level: options.compressionLevel });
  }
  const input = sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } });
  if (format === 'webp') return input.webp(options.quality === 100 ? { lossless: true } : { quality: options.quality }).toBuffer();
  return input.jpeg({ quality: options.quality }).toBuffer();
}

export function encodePng(image: RgbImage, options: Omit<EncodeOptions, 'format' | 'quality'> = {}): Promise<Buffer> {
  return encodeImage(image, { ...options, format: 'png' });
}

export async function decodePng(bytes: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
