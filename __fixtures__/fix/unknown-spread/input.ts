export function upscale(image: string, extra: Record<string, unknown>) {
  return fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', ...extra }) });
}
