import axios from 'axios';
import { createAxiosAdapter } from 'novita-migrate-shim';

export async function banner(image: string, config = {}) {
  const first = await axios.post(
    'https://api.novita.ai/v2/upscale',
    { image, upscaler_1: 'ESRGAN_4x', resize_mode: 1, upscaling_resize_w: 1920, upscaling_resize_h: 640, upscaling_crop: true },
    {
      adapter: createAxiosAdapter()
    }
  );
  const second = await axios.post('https://api.novita.ai/v2/upscale', { image, upscaler_1: 'Lanczos', upscaling_resize: 2 }, {
    ...config,
    adapter: createAxiosAdapter()
  });
  return [first.data.data.task_id, second.data.data.task_id];
}
