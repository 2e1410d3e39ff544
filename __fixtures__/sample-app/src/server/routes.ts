// Our own server's routes and logs mention the V2 path: none of this is a Novita call.
import express from 'express';

const app = express();

app.post('/v2/upscale', (req, res) => {
  console.log('proxying /v2/upscale for', req.ip);
  res.json({ ok: true });
});

app.get('/v2/progress', handleProgress);

function handleProgress(_req: unknown, res: { json(v: unknown): void }) {
  res.json({ status: 'ok' });
}

// AUTOMATIC1111 running locally: same parameter names, not Novita.
export async function localExtras(image: string) {
  return fetch('http://127.0.0.1:7860/sdapi/v1/extra-single-image', {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', gfpgan_visibility: 0.5 }),
  });
}

// A Midjourney proxy with its own /v2/upscale.
export async function midjourneyUpscale(id: string) {
  return fetch('https://mj-proxy.example.net/v2/upscale', { method: 'POST', body: JSON.stringify({ id }) });
}

// Already on V3.
export async function upscaleV3(image: string) {
  return fetch('https://api.novita.ai/v3/async/upscale', {
    method: 'POST',
    body: JSON.stringify({ request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: image, scale_factor: 2 } }),
  });
}

export default app;
