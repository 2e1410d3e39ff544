// A task flow split over private helpers of one module: `submit` returns the task id,
// only `waitFor` ever receives it, and neither is exported. Fix links them as one closed flow.
const NOVITA = 'https://api.novita.ai';
const headers = { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' };

async function submit(image) {
  const res = await fetch(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  if (json.code !== 0) throw new Error(json.msg);
  return json.data.task_id;
}

async function waitFor(taskId) {
  for (;;) {
    const r = await fetch(`${NOVITA}/v2/progress?task_id=${taskId}`, { headers });
    const j = await r.json();
    if (j.data.status === 2) return j.data.imgs;
    if (j.data.status === 3) throw new Error(j.data.failed_reason);
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
