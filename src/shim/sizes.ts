/** V2's geometry (A1111 postprocessing_upscale): scale, destination and final sizes. */
import type { ValidatedV2Request } from './validate-request.js';

export interface Geometry {
  scale: number;
  /** Where the upscaler lands: (floor(W*s/8)*8, floor(H*s/8)*8). */
  dest: { width: number; height: number };
  /** The output: dest, or exactly w x h when cropping in mode 1. */
  output: { width: number; height: number };
}

export function scaleFor(req: Pick<ValidatedV2Request, 'resizeMode' | 'upscalingResize' | 'resizeW' | 'resizeH'>, width: number, height: number): number {
  return req.resizeMode === 1 ? Math.max(req.resizeW / width, req.resizeH / height) : req.upscalingResize;
}

export function destinationSize(width: number, height: number, scale: number): { width: number; height: number } {
  return { width: Math.floor((width * scale) / 8) * 8, height: Math.floor((height * scale) / 8) * 8 };
}

export function geometryOf(req: ValidatedV2Request, width: number, height: number): Geometry {
  const scale = scaleFor(req, width, height);
  const dest = destinationSize(width, height, scale);
  const output = req.resizeMode === 1 && req.crop ? { width: req.resizeW, height: req.resizeH } : dest;
  return { scale, dest, output };
}
