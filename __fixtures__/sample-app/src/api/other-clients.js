import got from 'got';
import ky from 'ky';
import request from 'superagent';
import { request as undiciRequest } from 'undici';

const BASE = 'https://api.novita.ai/v2';
const SECOND_PASS = { upscaler_2: 'Lanczos', extras_upscaler_2_visibility: 0.35 };

export async function upscaleWithGot(image) {
  const body = await got
    .post(`${BASE}/upscale`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
      json: { image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 3, ...SECOND_PASS },
    })
    .json();
  return body.data.task_id;
}

const api = ky.create({ prefixUrl: 'https://api.novita.ai' });

export async function upscaleWithKy(image) {
  const result = await api.post('v2/upscale', { json: { image, upscaler_1: 'Nearest', upscaling_resize: 2 } }).json();
  return result.data.task_id;
}

export function upscaleWithSuperagent(image, done) {
  request
    .post(BASE + '/upscale')
    .set('Authorization', `Bearer ${process.env.NOVITA_API_KEY}`)
    .send({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 })
    .end(done);
}

/** Server-side polling with undici's low-level client. */
export async function progressWithUndici(taskId) {
  const { body } = await undiciRequest(`${BASE}/progress?task_id=${encodeURIComponent(taskId)}`, { method: 'GET' });
  return body.json();
}

// Not Novita: a RapidAPI-hosted upscaler with its own /v2/upscale.
export function rapidApiUpscale(imageUrl) {
  return got.post('https://ai-image-upscaler1.p.rapidapi.com/v2/upscale', {
    headers: { 'X-RapidAPI-Host': 'ai-image-upscaler1.p.rapidapi.com' },
    json: { image_url: imageUrl, upscaling_resize: 2 },
  });
}
