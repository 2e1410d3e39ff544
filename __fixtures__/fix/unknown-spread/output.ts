import { upscaleV2 } from 'novita-migrate-shim';
export function upscale(image: string, extra: Record<string, unknown>) {
  return upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', ...extra }) });
}
