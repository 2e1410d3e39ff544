// Half-migrated by hand: the URLs moved to V3, the reads stayed V2.
import axios from 'axios';

const headers = { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` };

export async function enlarge(image) {
  const res = await fetch('https://api.novita.ai/v3/async/upscale', {
    method: 'POST',
    headers,
    body: JSON.stringify({ request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: image, scale_factor: 2 } }),
  });
  const json = await res.json();
  if (json.code !== 0) throw new Error(json.msg); // expect: v2-read-on-v3
  const taskId = json.data.task_id; // expect: v2-read-on-v3
  for (;;) {
    const { data } = await axios.get(`https://api.novita.ai/v3/async/task-result?task_id=${taskId}`, { headers });
    if (data.data.status === 2) return data.data.imgs; // expect: v2-read-on-v3
    if (data.data.status === 3) throw new Error(data.data.failed_reason); // expect: v2-read-on-v3
    await new Promise((r) => setTimeout(r, 1000));
  }
}
