export const UPSCALE_URL = 'https://api.novita.ai/v2/upscale';
