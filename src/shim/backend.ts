/**
 * The neural steps of the V2 pipeline, behind one interface: `novita` calls
 * V3 over HTTP, `local` approximates them offline. Everything else
 * (validation, geometry, resampling, crop, blend, tasks, TTL) is local and
 * shared by both.
 */
import type { V3ModelName } from '../spec/upscalers.js';

/** An 8-bit RGB image in memory (3 channels, row-major). */
export interface RgbImage {
  width: number;
  height: number;
  /** width * height * 3 bytes. */
  data: Buffer;
  /**
   * The V3 URL these exact pixels were downloaded from (set by the novita
   * backend only). Local steps make new images without it, so an output that
   * still has it was not changed locally and V3's own URL can be handed out.
   */
  sourceUrl?: string;
}

export interface BackendContext {
  /** The caller's key (Authorization header), when it gave one. */
  apiKey?: string;
  /** Abort when the task's deadline passes. */
  signal?: AbortSignal;
  /** Record an approximation for the V2 `warn` field. */
  warn(feature: string, message: string): void;
}

export interface UpscaleBackend {
  readonly name: 'novita' | 'local';
  /**
   * One AI upscale pass: `scale` in V3's (1, 4]; the input at most 2048 on a
   * side. Returns the upscaled image (its size is what the model produced).
   */
  upscale(image: RgbImage, model: V3ModelName, scale: number, ctx: BackendContext): Promise<RgbImage>;
  /** Face restoration (GFPGAN or CodeFormer) with CodeFormer fidelity in [0, 1]. Same size in, same size out. */
  restoreFace(image: RgbImage, kind: 'gfpgan' | 'codeformer', fidelity: number, ctx: BackendContext): Promise<RgbImage>;
}

/** A failure that maps to a V2 code (see spec/codes.ts). */
export class V2Error extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = 'V2Error';
  }
}
