const DEFAULTS = { upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 };

export async function upscaleAssigned(image: string, faces: boolean) {
  const body = Object.assign({}, DEFAULTS, { image });
  body.img_expire_ttl = 600;
  if (faces) body.gfpgan_visibility = 0.6;
  return fetch(new Request('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) }));
}

export async function upscaleWithSync(image: string) {
  const { NovitaSDK } = await import('novita-sdk');
  const imgs = await new NovitaSDK('key').upscaleSync({ image, ...DEFAULTS, ...(globalThis as { extra?: object }).extra });
  return imgs;
}
