import { NovitaSDK, Upscalers } from 'novita-sdk';

const sdk = new NovitaSDK(process.env.NOVITA_API_KEY ?? '');

// The SDK's enum is resolved; submit and poll in one function: the 1.x SDK's own V3 methods.
export async function upscaleWithSdk(image: string): Promise<string[]> {
  const { task_id } = await sdk.upscale({ image, upscaler_1: Upscalers.R_ESRGAN_4x_plus_Anime6B, upscaling_resize: 2 });
  for (;;) {
    const p = await sdk.progress({ task_id });
    if (p.status === 2) return p.imgs;
    if (p.status === 3) throw new Error(p.failed_reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
