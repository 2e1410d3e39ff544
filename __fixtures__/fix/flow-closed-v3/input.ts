// A whole task flow in one function: submit, poll its id, read the images. V3 expresses all of it.
const NOVITA = 'https://api.novita.ai';

export async function upscaleAndWait(image: string): Promise<string[]> {
  const res = await fetch(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const submitted = await res.json();
  if (submitted.code !== 0) throw new Error(submitted.msg);
  const taskId = submitted.data.task_id;
  for (;;) {
    const poll = await fetch(`${NOVITA}/v2/progress?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = await poll.json();
    if (progress.data.status === 2) return progress.data.imgs;
    if (progress.data.status === 3 || progress.data.status === 4) throw new Error(progress.data.failed_reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
