export function upscale(image: string) {
  const body = { image, upscaler_1: 'R-ESRGAN 4x+' ;
  return fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify(body) });
}
