import { upscaleV2 } from 'novita-migrate-shim';
const NOVITA = 'https://api.novita.ai';

export async function upscale(image: string): Promise<string> {
  const res = await upscaleV2(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', resize_mode: 0, upscaling_resize: 2, img_expire_ttl: 600 }),
  });
  const json = await res.json();
  return json.data.task_id;
}

export async function upscaleChecked(image: string): Promise<string> {
  const res = await upscaleV2('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 3 }),
  });
  const json = await res.json();
  if (json.code !== 0) throw new Error(json.msg);
  return json.data.task_id;
}
