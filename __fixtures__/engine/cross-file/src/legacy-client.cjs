const axios = require('axios');
const { UPSCALE_PATH } = require('./config/legacy.cjs');

const client = axios.create({ timeout: 30000 });

async function upscaleImage(image) {
  const { data } = await client.post(UPSCALE_PATH, { image, upscaler_1: 'ESRGAN_4x', img_expire_ttl: 600 });
  return data.data.task_id;
}

module.exports = { upscaleImage };
