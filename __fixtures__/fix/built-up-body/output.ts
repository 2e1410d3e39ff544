import { upscaleV2 } from 'novita-migrate-shim';
export async function upscale(image: string, big: boolean) {
  const body: Record<string, unknown> = { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B' };
  body.upscaling_resize = 2;
  if (big) body.upscaling_resize = 4;
  return upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) });
}
