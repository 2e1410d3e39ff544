import got from 'got';
import ky from 'ky';
import request from 'superagent';
import { gotV2Request, upscaleV2, superagentV2 } from 'novita-migrate-shim';

export const withGot = (image) => got.post('https://api.novita.ai/v2/upscale', {
  json: { image, upscaler_1: 'Nearest', upscaling_resize: 2 },
  request: gotV2Request
}).json();

export const withKy = (image) => ky.post('https://api.novita.ai/v2/upscale', {
  json: { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 6 },
  fetch: upscaleV2
}).json();

export function withSuperagent(image, done) {
  request.post('https://api.novita.ai/v2/upscale').use(superagentV2).send({ image, upscaler_1: 'R-ESRGAN 4x+', codeformer_visibility: 1 }).end(done);
}
