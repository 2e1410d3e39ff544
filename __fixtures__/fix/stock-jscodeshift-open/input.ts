// Run file by file (stock jscodeshift), the polls of this id cannot be seen: the submit stays, with a TODO.
export async function submit(image: string) {
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });
  return (await res.json()).data.task_id;
}

// Its poll may see any V2 task's id: through the shim, which passes foreign ids on to V2.
export async function poll(taskId: string) {
  const res = await fetch(`https://api.novita.ai/v2/progress?task_id=${taskId}`);
  return (await res.json()).data;
}
