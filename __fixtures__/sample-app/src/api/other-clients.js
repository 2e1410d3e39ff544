import got from 'got';
import ky from 'ky';
import request from 'superagent';

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
