// Near miss: the caller also logs the task id and returns it, so it leaves the flow
// (a caller could poll it elsewhere). Not one closed flow: submit and poll go through the shim.
const NOVITA = 'https://api.novita.ai';

async function submit(image) {
  const res = await fetch(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  return json.data.task_id;
}

async function waitFor(taskId) {
  for (;;) {
    const r = await fetch(`${NOVITA}/v2/progress?task_id=${taskId}`);
    const j = await r.json();
    if (j.data.status === 2) return j.data.imgs;
    await new Promise((done) => setTimeout(done, 1000));
  }
}

export async function upscale(image) {
  const id = await submit(image);
  console.log('upscale task', id);
  const images = await waitFor(id);
  return { id, images };
}
