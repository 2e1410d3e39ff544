// The submit's response is read with bracket access: fix does not follow `json["data"]["task_id"]`, so it
// cannot link the poll to this submit. Never V3 (that read would stay V2): submit and poll both go to the shim.
export async function upscaleAndWait(image) {
  const res = await fetch('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  const taskId = json["data"]["task_id"];
  for (;;) {
    const poll = await fetch(`https://api.novita.ai/v2/progress?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = await poll.json();
    if (progress.data.status === 2) return progress.data.imgs;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
