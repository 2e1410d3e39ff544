// novita-sdk 1.x vendored into the repository (imported by a relative path) is the SDK all the same.
import { NovitaSDK } from './vendor/novita-sdk/src';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY!);

export async function upscaleAndWait(image: string): Promise<string[]> {
  const { task_id } = await sdk.upscale({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
  for (;;) {
    const progress = await sdk.progress({ task_id });
    if (progress.status === 2) return progress.imgs;
    if (progress.status === 3 || progress.status === 4) throw new Error(progress.failed_reason);
  }
}
