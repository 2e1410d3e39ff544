export const NOVITA_BASE = 'https://api.novita.ai';
export const UPSCALE_URL = `${NOVITA_BASE}/v2/upscale`;
export const ENDPOINTS = {
  upscale: NOVITA_BASE + '/v2/upscale',
  progress: NOVITA_BASE + '/v2/progress',
};
