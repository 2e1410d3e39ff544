import { upscaleV2 } from 'novita-migrate-shim';
// Near miss: the private poller is also called with an id from a parameter (`resume(taskId)`),
// which may be any V2 task's. Not one closed flow: submit and poll go through the shim.
const NOVITA = 'https://api.novita.ai';

async function submit(image) {
  const res = await upscaleV2(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  return json.data.task_id;
}

async function waitFor(taskId) {
  for (;;) {
    const r = await upscaleV2(`${NOVITA}/v2/progress?task_id=${taskId}`);
    const j = await r.json();
    if (j.data.status === 2) return j.data.imgs;
    await new Promise((done) => setTimeout(done, 1000));
  }
}

export async function upscale(image) {
  const id = await submit(image);
  return waitFor(id);
}

export async function resume(taskId) {
  return waitFor(taskId);
}
