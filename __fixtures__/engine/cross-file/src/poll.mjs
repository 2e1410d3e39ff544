import { ENDPOINTS } from './config/index.ts';

export async function waitFor(taskId) {
  for (;;) {
    const res = await fetch(`${ENDPOINTS.progress}?task_id=${taskId}`);
    const progress = await res.json();
    switch (progress.data.status) {
      case 2:
        return progress.data.imgs;
      case 3:
      case 4:
        throw new Error(progress.data.failed_reason);
      default:
        await new Promise((r) => setTimeout(r, 2000));
    }
  }
}
