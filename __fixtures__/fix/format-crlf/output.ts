export const up = (image: string) =>
  fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST', body: JSON.stringify({
    request: {
      model_name: 'RealESRGAN_x4plus_anime_6B',
      image_base64: image,
      scale_factor: 2
    }
  }) });
