export function go(image: string, faces: boolean) {
  const body: Record<string, unknown> = {
    image, // expect: v2-param
    upscaler_1: 'R-ESRGAN 4x+ Anime6B', // expect: v2-param
    upscaling_resize: 6, // expect: v2-param
    img_expire_ttl: 600, // expect: v2-param
  };
  if (faces) body.gfpgan_visibility = 0.4; // expect: v2-param
  return fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) });
}
