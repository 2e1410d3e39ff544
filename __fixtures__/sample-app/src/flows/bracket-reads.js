// Reads through brackets: fix cannot follow them, so this call never moves to V3.
export async function upscaleBracketed(image) {
  const res = await fetch('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  if (json['code'] !== 0) throw new Error(json['msg']);
  return json['data']['task_id'];
}
