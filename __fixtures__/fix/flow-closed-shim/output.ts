import axios from 'axios';
import { createAxiosAdapter } from 'novita-migrate-shim';

// One flow, but face restoration has no V3 equivalent: submit and poll go through the shim together.
export async function restoreAndWait(image: string): Promise<string[]> {
  const { data: submitted } = await axios.post(
    'https://api.novita.ai/v2/upscale',
    { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2, gfpgan_visibility: 0.6 },
    {
      adapter: createAxiosAdapter()
    }
  );
  const { task_id } = submitted.data;
  for (;;) {
    const { data } = await axios.get('https://api.novita.ai/v2/progress', {
      params: { task_id },
      adapter: createAxiosAdapter()
    });
    if (data.data.status === 2) return data.data.imgs;
    if (data.data.status >= 3) throw new Error(data.data.failed_reason);
    await new Promise((r) => setTimeout(r, 500));
  }
}
