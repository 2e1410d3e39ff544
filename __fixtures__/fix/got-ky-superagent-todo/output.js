import got from 'got';
import ky from 'ky';
import request from 'superagent';

// TODO(novita-migrate): V2 upscale kept: `upscaler_1` = "Nearest" has no V3 model; no drop-in shim route for got (use `novita-migrate shim serve` or `createV2Client` from novita-migrate/shim)
export const withGot = (image) => got.post('https://api.novita.ai/v2/upscale', { json: { image, upscaler_1: 'Nearest', upscaling_resize: 2 } }).json();

// TODO(novita-migrate): V2 upscale kept: `upscaling_resize` = 6 is outside V3's `request.scale_factor` range (1, 4]; no drop-in shim route for ky (use `novita-migrate shim serve` or `createV2Client` from novita-migrate/shim)
export const withKy = (image) => ky.post('https://api.novita.ai/v2/upscale', { json: { image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 6 } }).json();

export function withSuperagent(image, done) {
  // TODO(novita-migrate): V2 upscale kept: `codeformer_visibility` has no V3 equivalent; no drop-in shim route for superagent (use `novita-migrate shim serve` or `createV2Client` from novita-migrate/shim)
  request.post('https://api.novita.ai/v2/upscale').send({ image, upscaler_1: 'R-ESRGAN 4x+', codeformer_visibility: 1 }).end(done);
}
