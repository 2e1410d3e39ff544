import axios from 'axios';
export async function go(id: string) {
  const res = await axios.get(`https://api.novita.ai/v3/async/task-result?task_id=${id}`);
  if (res.data.task.status === 'TASK_STATUS_SUCCEED') return res.data.images.map((i: { image_url: string }) => i.image_url);
  const other = { code: 0, data: { status: 2 } };
  return other.data.status === 2 ? other.code : null;
}
