/**
 * The offline backend: AI upscale passes become local Lanczos passes and
 * face restoration is the identity. Every use is named in `warn`.
 */
import type { UpscaleBackend } from './backend.js';
import { resizeLanczos } from './image/resize.js';

export function createLocalBackend(): UpscaleBackend {
  return {
    name: 'local',
    async upscale(image, model, scale, ctx) {
      ctx.warn('local-upscale', `local backend: ${model} approximated by a Lanczos resize (no API key, or backend "local")`);
      return resizeLanczos(image, Math.round(image.width * scale), Math.round(image.height * scale));
    },
    async restoreFace(image, kind, _fidelity, ctx) {
      ctx.warn(`local-${kind}`, `local backend: ${kind === 'gfpgan' ? 'GFPGAN' : 'CodeFormer'} face restoration skipped (identity)`);
      return image;
    },
  };
}
