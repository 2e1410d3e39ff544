import { upscaleV2 } from 'novita-migrate-shim';
// Near miss: the poller is exported, so other modules may hand it any V2 task id (txt2img too).
// Not one closed flow: the poll goes through the shim (which passes foreign ids on to V2), the submit with it.
const NOVITA = 'https://api.novita.ai';

async function submit(image: string): Promise<string> {
  const res = await upscaleV2(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  return json.data.task_id;
}

export async function waitFor(taskId: string): Promise<string[]> {
  for (;;) {
    const r = await upscaleV2(`${NOVITA}/v2/progress?task_id=${taskId}`);
    const j = await r.json();
    if (j.data.status === 2) return j.data.imgs;
    await new Promise((done) => setTimeout(done, 1000));
  }
}

export async function upscale(image: string): Promise<string[]> {
  const id = await submit(image);
  return waitFor(id);
}
