import { NovitaSDK } from 'novita-sdk';
import { upscaleSync, progress } from 'novita-migrate-shim/novita-sdk';
import { withNovitaV2Shim } from 'novita-migrate-shim';

const sdk = withNovitaV2Shim(new NovitaSDK(process.env.NOVITA_API_KEY ?? ''));

export async function submit(image: string) {
  const { task_id } = await sdk.upscale({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 });
  return task_id;
}

export async function poll(taskId: string) {
  const p = await progress({ task_id: taskId });
  if (p.status === 3) throw new Error(p.failed_reason);
  return p.status === 2 ? p.imgs : [];
}

export const quick = (image: string) => upscaleSync({ image, upscaler_1: 'R-ESRGAN 4x+', gfpgan_visibility: 1 });
