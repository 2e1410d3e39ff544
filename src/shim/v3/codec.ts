/** PNG in and out of V3: raw RGB to base64 PNG for requests, V3's images back to RGB. */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { V2_CODES } from '../../spec/codes.js';
import type { RgbImage } from '../backend.js';
import { encodePng } from '../image/encode.js';
import { v2Fail } from './retrying-http.js';

/** The shim's own encoder, as for results: lossless like sharp's PNG, but faster and smaller (it uploads less). */
export async function encodePngBase64(image: RgbImage): Promise<string> {
  return (await encodePng(image)).toString('base64');
}

export async function decodeToRgb(bytes: Buffer, what: string): Promise<RgbImage> {
  try {
    return await rgbFromSharp(sharp(bytes).flatten({ background: '#ffffff' }));
  } catch {
    throw v2Fail(V2_CODES.InternalError, `${what} could not be decoded`);
  }
}

export async function rgbFromSharp(pipeline: Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
