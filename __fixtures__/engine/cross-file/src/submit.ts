import sdk, { api, cdn } from './http';

export async function submit(image: string) {
  const res = await api.post('/v2/upscale', { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 });
  return res.data.data.task_id;
}

export async function check(taskId: string) {
  const { task_id } = await sdk.upscale({ image: taskId });
  return task_id;
}

// The CDN has its own /v2/upscale: not Novita.
export const cdnResize = (image: string) => cdn.post('/v2/upscale', { image });
