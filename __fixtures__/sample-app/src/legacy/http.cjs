const fetch = require('node-fetch');

function httpFetch({ url, method, data }) {
  return fetch('https://api.novita.ai' + url, { method, body: JSON.stringify(data) }).then((r) => r.json());
}

function upscale(image, scale = 2) {
  return httpFetch({ url: '/v2/upscale', method: 'POST', data: { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: scale } });
}

module.exports = { httpFetch, upscale };
