import { UPSCALE_URL, ENDPOINTS } from '../config';

interface UpscaleOptions {
  faceFix?: boolean;
}

/** Upscale a product photo 2x with the anime model (plain V3 material). */
export async function upscaleProductPhoto(imageBase64: string): Promise<string> {
  const res = await fetch(UPSCALE_URL, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      image: imageBase64,
      upscaler_1: 'R-ESRGAN 4x+ Anime6B',
      resize_mode: 0,
      upscaling_resize: 2,
    }),
  });
  const json = await res.json();
  if (json.code !== 0) {
    throw new Error(`upscale failed: ${json.msg}`);
  }
  return json.data.task_id;
}

/** Portraits get face restoration: V3 cannot express this. */
export async function upscalePortrait(imageBase64: string, options: UpscaleOptions = {}) {
  const payload: Record<string, unknown> = {
    image: imageBase64,
    upscaler_1: 'R-ESRGAN 4x+',
    upscaling_resize: 4,
    img_expire_ttl: 86400,
  };
  if (options.faceFix) {
    payload.gfpgan_visibility = 0.8;
    payload.codeformer_visibility = 0.5;
    payload.codeformer_weight = 0.7;
  }
  const res = await fetch(ENDPOINTS.upscale, { method: 'POST', body: JSON.stringify(payload) });
  const { data } = await res.json();
  return data.task_id as string;
}
