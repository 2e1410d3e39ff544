import { NovitaSDK, Upscalers } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY ?? '');

// The SDK's enum is resolved; submit and poll in one function: the 1.x SDK's own V3 methods.
export async function upscaleWithSdk(image: string): Promise<string[]> {
  const { task_id } = await sdk.upscaleV3({
    request: {
      model_name: 'RealESRGAN_x4plus_anime_6B',
      image_base64: image,
      scale_factor: 2
    }
  });
  for (;;) {
    const p = await sdk.progressV3({ task_id });
    if (p.task.status === 'TASK_STATUS_SUCCEED') return p.images.map((image: Record<'image_url', string>) => image.image_url);
    if (p.task.status === 'TASK_STATUS_FAILED') throw new Error(p.task.reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
