export function go(image: string) {
  // V3 accepts these fields under these names: nothing for v2-param.
  return fetch('https://api.novita.ai/v3/async/upscale', {
    method: 'POST',
    body: JSON.stringify({ request: { model_name: 'RealESRGAN_x4plus_anime_6B', image_base64: image, scale_factor: 4 } }),
  });
}

// Not a Novita call: AUTOMATIC1111's own extras endpoint takes the V2 field names.
export const local = (image: string) =>
  fetch('http://localhost:7860/sdapi/v1/extra-single-image', {
    method: 'POST',
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', resize_mode: 1, upscaling_resize_w: 1024, upscaling_crop: true, codeformer_weight: 0.5 }),
  });
