import { NovitaSDK, upscaleSync, progressV3 } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY ?? '');

export async function submit(image: string) {
  const { task_id } = await sdk.upscaleV3({
    request: {
      model_name: 'RealESRGAN_x4plus_anime_6B',
      image_base64: image,
      scale_factor: 2
    }
  });
  return task_id;
}

export async function poll(taskId: string) {
  const p = await progressV3({ task_id: taskId });
  if (p.task.status === 'TASK_STATUS_FAILED') throw new Error(p.task.reason);
  return p.task.status === 'TASK_STATUS_SUCCEED' ? p.images.map(image => image.image_url) : [];
}

// TODO(novita-migrate): V2 upscale kept: `gfpgan_visibility` has no V3 equivalent; no drop-in shim route for novita-sdk (use `novita-migrate shim serve` or `createV2Client` from novita-migrate/shim)
export const quick = (image: string) => upscaleSync({ image, upscaler_1: 'R-ESRGAN 4x+', gfpgan_visibility: 1 });
