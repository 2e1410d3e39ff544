const fetch = require('node-fetch');
const { withV2Shim } = require('novita-migrate-shim');

function httpFetch({ url, method, data }) {
  return withV2Shim(fetch)('https://api.novita.ai' + url, { method, body: JSON.stringify(data) }).then((r) => r.json());
}

async function upscale(image) {
  const json = await httpFetch({ url: '/v2/upscale', method: 'POST', data: { image, upscaler_1: 'ESRGAN_4x', upscaling_resize: 3 } });
  return json.data.task_id;
}

async function upscaleBig(image) {
  return withV2Shim(fetch)('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'ESRGAN_4x', upscaling_resize: 8 }) });
}

module.exports = { upscale, upscaleBig };
