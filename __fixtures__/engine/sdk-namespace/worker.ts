import * as novita from 'novita-sdk';

const client = new novita.NovitaSDK(process.env.NOVITA_API_KEY ?? '');

export async function upscaleAndWait(image: string) {
  const { task_id } = await client.upscale({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
  const result = await novita.progress({ task_id });
  if (result.status === 3) throw new Error(result.failed_reason);
  return result.imgs;
}
