import { upscaleV2 } from 'novita-migrate-shim';
// A closed flow whose poll response goes through `satisfies`: fix does not follow it, so the flow
// never goes to V3 (the reads behind `satisfies` would stay V2); it goes to the shim whole.
interface V2Progress { data: { status: number; imgs: string[] } }

export async function upscaleAndWait(image: string): Promise<string[]> {
  const res = await upscaleV2('https://api.novita.ai/v2/upscale', {
    method: 'POST',
    headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }),
  });
  const json = await res.json();
  const taskId = json.data.task_id;
  for (;;) {
    const poll = await upscaleV2(`https://api.novita.ai/v2/progress?task_id=${taskId}`, {
      headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
    });
    const progress = (await poll.json()) satisfies V2Progress;
    if (progress.data.status === 2) return progress.data.imgs;
    await new Promise((r) => setTimeout(r, 1000));
  }
}
