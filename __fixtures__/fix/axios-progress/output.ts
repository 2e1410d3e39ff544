import axios from 'axios';
import { createAxiosAdapter } from 'novita-migrate-shim';

const api = axios.create({ baseURL: 'https://api.novita.ai' });

export async function waitFor(taskId: string): Promise<string[]> {
  for (;;) {
    const res = await api.get(`/v2/progress?task_id=${taskId}`, {
      adapter: createAxiosAdapter()
    });
    if (res.data.data.status === 2) return res.data.data.imgs;
    if (res.data.data.status === 3) throw new Error(res.data.data.failed_reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
