import { upscaleV2 } from 'novita-migrate-shim';
export const up = (image: string) =>
  upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });
