// A closed flow whose responses are read through optional chains: fix does not rewrite `?.` reads,
// so this flow never goes to V3 (its reads would stay V2); it goes to the shim whole.
export async function upscaleAndWait(image) {
  const res = await fetch('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  const taskId = json?.data?.task_id;
  for (;;) {
    const poll = await fetch(`https://api.novita.ai/v2/progress?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = await poll.json();
    if (progress?.data?.status === 2) return progress?.data?.imgs;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
