import axios from 'axios';
import { API_BASE } from '../config';

const novita = axios.create({
  baseURL: API_BASE,
  headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
});

const thumbnails = axios.create({ baseURL: 'https://thumbs.example.com' });

export async function upscaleToBanner(image: string) {
  // Resize-to-size with crop: shim territory.
  const res = await novita.post('/v2/upscale', {
    image,
    upscaler_1: 'ESRGAN_4x',
    resize_mode: 1,
    upscaling_resize_w: 1920,
    upscaling_resize_h: 640,
    upscaling_crop: true,
  });
  return res.data.data.task_id;
}

export async function pollProgress(taskId: string): Promise<string[]> {
  for (;;) {
    const { data } = await novita.get(`/v2/progress?task_id=${taskId}`);
    if (data.data.status === 2) return data.data.imgs;
    if (data.data.status === 3 || data.data.status === 4) throw new Error(data.data.failed_reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function legacyRequestStyle(image: string) {
  return axios({
    method: 'post',
    url: 'https://api.omniinfer.io/v2/upscale',
    headers: { 'X-Omni-Key': process.env.OMNI_KEY },
    data: { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 8 },
  });
}

// Not Novita: another service's own /v2/upscale.
export function makeThumbnail(image: string) {
  return thumbnails.post('/v2/upscale', { image, scale: 2 });
}
