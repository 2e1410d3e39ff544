// Their counterparts: the exact V2 paths under an unknown base, with a V2 body or a task id: reported.
declare const base: string;

export const upscale = (image: string) =>
  fetch(`${base}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });

export const poll = (taskId: string) => fetch(`${base}/v2/progress?task_id=${taskId}`);
