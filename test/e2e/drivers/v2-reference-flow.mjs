/**
 * The original V2 flow with axios: submit /v2/upscale, poll /v2/progress
 * until status 2, download imgs[0]. argv[2]: input PNG, base64; argv[3]: scale.
 * Outcome: { taskId, statuses, width, height, imageUrl }.
 */
import axios from 'axios';
import { drive, pngSize, sleep } from './kit.mjs';

const [image, scale = '2'] = process.argv.slice(2);
const novita = axios.create({ baseURL: 'https://api.novita.ai', headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } });

drive(async () => {
  const submitted = (await novita.post('/v2/upscale', { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: Number(scale) })).data;
  if (submitted.code !== 0) throw new Error(`upscale: code ${submitted.code} ${submitted.msg}`);
  const taskId = submitted.data.task_id;
  const statuses = [];
  for (let i = 0; i < 200; i++) {
    const { data } = await novita.get(`/v2/progress?task_id=${taskId}`);
    if (data.code !== 0) throw new Error(`progress: code ${data.code} ${data.msg}`);
    statuses.push(data.data.status);
    if (data.data.status === 2) {
      const imageUrl = data.data.imgs[0];
      const png = (await axios.get(imageUrl, { responseType: 'arraybuffer' })).data;
      return { taskId, statuses, imageUrl, ...pngSize(png) };
    }
    if (data.data.status === 3 || data.data.status === 4) throw new Error(data.data.failed_reason);
    await sleep(50);
  }
  throw new Error(`task ${taskId} not done: ${statuses.join(', ')}`);
});
