import axios from 'axios';
const BASE = 'https://api.novita.ai';
export async function go(image: string) {
  await fetch(`${BASE}/v2/upscale`, { method: 'POST', body: JSON.stringify({ image }) }); // expect: no-v2-upscale
  await axios.post('https://api.omniinfer.io/v2/upscale', { image }); // expect: no-v2-upscale
}
