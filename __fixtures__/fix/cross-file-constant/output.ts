import { UPSCALE_URL } from './config';
import { upscaleV2 } from 'novita-migrate-shim';

export const up = (image: string) => upscaleV2(UPSCALE_URL, { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });
