/**
 * The offline backend: AI upscale passes become local Lanczos passes and
 * face restoration is the identity. What that approximates is said by the
 * one warning policy (v2/warnings.ts), in `warn` and on stderr.
 */
import type { UpscaleBackend } from './backend.js';
import { resizeLanczos } from './image/resize.js';

export function createLocalBackend(): UpscaleBackend {
  return {
    name: 'local',
    async upscale(image, _model, scale) {
      return resizeLanczos(image, Math.round(image.width * scale), Math.round(image.height * scale));
    },
    async restoreFace(image) {
      return image;
    },
  };
}
