import { NovitaSDK, Upscalers, upscaleSync, progress } from 'novita-sdk';

export class UpscaleWorker {
  private sdk = new NovitaSDK(process.env.NOVITA_API_KEY ?? '');

  async submit(image: string) {
    const { task_id } = await this.sdk.upscale({ image, upscaler_1: Upscalers.R_ESRGAN_4x_plus_Anime6B, upscaling_resize: 2 });
    return task_id;
  }

  async check(taskId: string) {
    const res = await this.sdk.progress({ task_id: taskId });
    return res.status === 2 ? res.imgs : [];
  }
}

export async function quickUpscale(image: string) {
  return upscaleSync({ image, upscaler_1: 'Lanczos', upscaling_resize: 2 });
}

export async function status(taskId: string) {
  const p = await progress({ task_id: taskId });
  return p.failed_reason;
}
