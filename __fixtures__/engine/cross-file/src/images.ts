import { BASE, ENDPOINTS, PROGRESS_URL } from './config';

type UpscaleBody = { image: string; upscaler_1: string; upscaling_resize: number };

export async function requestUpscale(image: string): Promise<string> {
  const body: UpscaleBody = { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 };
  const res = await fetch(ENDPOINTS.upscale, { method: 'POST', body: JSON.stringify(body) });
  const json = await res.json();
  return json.data.task_id;
}

export async function pollOnce(taskId: string) {
  const res = await fetch(`${PROGRESS_URL}?task_id=${taskId}`);
  return res.json();
}

export const upscaleRaw = (payload: object) => fetch(`${BASE}/upscale`, { method: 'POST', body: JSON.stringify(payload) });
