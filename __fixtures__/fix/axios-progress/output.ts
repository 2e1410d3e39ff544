import axios from 'axios';

const api = axios.create({ baseURL: 'https://api.novita.ai' });

export async function waitFor(taskId: string): Promise<string[]> {
  for (;;) {
    const res = await api.get(`/v3/async/task-result?task_id=${taskId}`);
    if (res.data.task.status === 'TASK_STATUS_SUCCEED') return res.data.images.map(image => image.image_url);
    if (res.data.task.status === 'TASK_STATUS_FAILED') throw new Error(res.data.task.reason);
    await new Promise((r) => setTimeout(r, 1000));
  }
}
