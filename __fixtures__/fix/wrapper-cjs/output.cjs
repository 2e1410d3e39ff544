const fetch = require('node-fetch');

const {
  upscaleV2
} = require('novita-migrate/shim');

function httpFetch({ url, method, data }) {
  return fetch('https://api.novita.ai' + url, { method, body: JSON.stringify(data) }).then((r) => r.json());
}

async function upscale(image) {
  const json = await httpFetch({ url: '/v3/async/upscale', method: 'POST', data: {
    request: {
      model_name: '4x-UltraSharp',
      image_base64: image,
      scale_factor: 3
    }
  } });
  return json.task_id;
}

async function upscaleBig(image) {
  return upscaleV2('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'ESRGAN_4x', upscaling_resize: 8 }) });
}

module.exports = { upscale, upscaleBig };
