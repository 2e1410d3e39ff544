export function go(image: string) {
  // Everything here is plain V3 (or has no effect): nothing for v2-param.
  return fetch('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: 0, upscaling_resize: 4, gfpgan_visibility: 0, upscaling_crop: true }),
  });
}
