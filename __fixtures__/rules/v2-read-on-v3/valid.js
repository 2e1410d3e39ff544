// Fully on V3 (what `fix` writes), a V2 call (other rules' business), and another service's V3-looking path.
import axios from 'axios';

const headers = { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` };

export async function enlarge(image) {
  const res = await fetch('https://api.novita.ai/v3/async/upscale', {
    method: 'POST',
    headers,
    body: JSON.stringify({ request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: image, scale_factor: 2 } }),
  });
  const json = await res.json();
  if (json.code !== undefined) throw new Error(json.message);
  const taskId = json.task_id;
  for (;;) {
    const { data } = await axios.get(`https://api.novita.ai/v3/async/task-result?task_id=${taskId}`, { headers });
    if (data.task.status === 'TASK_STATUS_SUCCEED') return data.images.map((i) => i.image_url);
    if (data.task.status === 'TASK_STATUS_FAILED') throw new Error(data.task.reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function legacy(id) {
  const r = await fetch(`https://api.novita.ai/v2/progress?task_id=${id}`, { headers });
  return (await r.json()).data.imgs;
}

export async function elsewhere(base) {
  const r = await fetch(`${base}/v3/async/upscale`, { method: 'POST' });
  return (await r.json()).data.task_id;
}
