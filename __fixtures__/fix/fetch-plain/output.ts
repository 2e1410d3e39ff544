const NOVITA = 'https://api.novita.ai';

export async function upscale(image: string): Promise<string> {
  const res = await fetch(`${NOVITA}/v3/async/upscale`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({
      request: {
        model_name: 'RealESRGAN_x4plus_anime_6B',
        image_base64: image,
        scale_factor: 2
      }
    }),
  });
  const json = await res.json();
  return json.task_id;
}

export async function upscaleChecked(image: string): Promise<string> {
  const res = await fetch('https://api.novita.ai/v3/async/upscale', {
    method: 'POST',
    body: JSON.stringify({
      request: {
        model_name: 'RealESRGAN_x4plus_anime_6B',
        image_base64: image,
        scale_factor: 3
      }
    }),
  });
  const json = await res.json();
  if (json.code !== undefined) throw new Error(json.message);
  return json.task_id;
}
