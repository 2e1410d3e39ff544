/**
 * One poller for every V2 task this app makes: txt2img renders and upscales
 * alike (`/v2/progress` answers for all of them). Its ids come from callers.
 */
import axios from 'axios';

const novita = axios.create({ baseURL: 'https://api.novita.ai', headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } });

export async function renderThumbnail(prompt: string): Promise<string> {
  const { data } = await novita.post('/v2/txt2img', { prompt, model_name: 'sd_xl_base_1.0.safetensors', width: 512, height: 512 });
  return data.data.task_id;
}

export async function pollTask(taskId: string, intervalMs = 200): Promise<string[]> {
  for (;;) {
    const { data } = await novita.get('/v2/progress', { params: { task_id: taskId } });
    if (data.code !== 0) throw new Error(data.msg);
    if (data.data.status === 2) return data.data.imgs;
    if (data.data.status >= 3) throw new Error(data.data.failed_reason || `task ${taskId} failed`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
