/** Submit and poll in one function: the whole task flow is visible, and V3 expresses every part of it. */
const NOVITA = 'https://api.novita.ai';

export async function upscaleAndWait(imageBase64: string): Promise<string[]> {
  const submit = await fetch(`${NOVITA}/v2/upscale`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ image: imageBase64, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const submitted = await submit.json();
  if (submitted.code !== 0) throw new Error(`upscale failed: ${submitted.msg}`);
  const taskId = submitted.data.task_id;
  for (;;) {
    const poll = await fetch(`${NOVITA}/v2/progress?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = await poll.json();
    if (progress.data.status === 2) return progress.data.imgs;
    if (progress.data.status === 3 || progress.data.status === 4) throw new Error(progress.data.failed_reason);
    await new Promise((r) => setTimeout(r, 200));
  }
}
