import { upscaleV2 } from 'novita-migrate-shim';
export async function restore(image: string) {
  const res = await upscaleV2('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2, gfpgan_visibility: 0.6 }),
  });
  const json = await res.json();
  if (json.code !== 0) throw new Error(json.msg);
  return json.data.task_id;
}
