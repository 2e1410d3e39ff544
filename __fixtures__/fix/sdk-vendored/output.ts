// novita-sdk 1.x vendored into the repository (imported by a relative path) is the SDK all the same.
import { NovitaSDK } from './vendor/novita-sdk/src';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY!);

export async function upscaleAndWait(image: string): Promise<string[]> {
  const { task_id } = await sdk.upscaleV3({
    request: {
      model_name: 'RealESRNet_x4plus',
      image_base64: image,
      scale_factor: 2
    }
  });
  for (;;) {
    const progress = await sdk.progressV3({ task_id });
    if (progress.task.status === 'TASK_STATUS_SUCCEED') return progress.images.map((image: Record<'image_url', string>) => image.image_url);
    if (progress.task.status === 'TASK_STATUS_FAILED') throw new Error(progress.task.reason);
  }
}
