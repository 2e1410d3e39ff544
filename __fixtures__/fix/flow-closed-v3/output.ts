// A whole task flow in one function: submit, poll its id, read the images. V3 expresses all of it.
const NOVITA = 'https://api.novita.ai';

export async function upscaleAndWait(image: string): Promise<string[]> {
  const res = await fetch(`${NOVITA}/v3/async/upscale`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      request: {
        model_name: 'RealESRGAN_x4plus_anime_6B',
        image_base64: image,
        scale_factor: 2
      }
    }),
  });
  const submitted = await res.json();
  if (submitted.code !== undefined) throw new Error(submitted.message);
  const taskId = submitted.task_id;
  for (;;) {
    const poll = await fetch(`${NOVITA}/v3/async/task-result?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = await poll.json();
    if (progress.task.status === 'TASK_STATUS_SUCCEED') return progress.images.map((image: Record<'image_url', string>) => image.image_url);
    if (progress.task.status === 'TASK_STATUS_FAILED') throw new Error(progress.task.reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
