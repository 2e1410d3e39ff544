// A task flow split over private helpers of one module: `submit` returns the task id,
// only `waitFor` ever receives it, and neither is exported. Fix links them as one closed flow.
const NOVITA = 'https://api.novita.ai';
const headers = { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' };

async function submit(image) {
  const res = await fetch(`${NOVITA}/v3/async/upscale`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      request: {
        model_name: 'RealESRGAN_x4plus_anime_6B',
        image_base64: image,
        scale_factor: 2
      }
    }),
  });
  const json = await res.json();
  if (json.code !== undefined) throw new Error(json.message);
  return json.task_id;
}

async function waitFor(taskId) {
  for (;;) {
    const r = await fetch(`${NOVITA}/v3/async/task-result?task_id=${taskId}`, { headers });
    const j = await r.json();
    if (j.task.status === 'TASK_STATUS_SUCCEED') return j.images.map(image => image.image_url);
    if (j.task.status === 'TASK_STATUS_FAILED') throw new Error(j.task.reason);
    await new Promise((done) => setTimeout(done, 1000));
  }
}

export async function upscale(image) {
  const id = await submit(image);
  return waitFor(id);
}

export async function upscaleInline(image) {
  return waitFor(await submit(image));
}
