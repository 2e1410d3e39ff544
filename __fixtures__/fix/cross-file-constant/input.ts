import { UPSCALE_URL } from './config';

export const up = (image: string) => fetch(UPSCALE_URL, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });
