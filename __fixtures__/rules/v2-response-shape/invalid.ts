import axios from 'axios';
export async function go(id: string) {
  const res = await axios.get(`https://api.novita.ai/v2/progress?task_id=${id}`);
  if (res.data.code !== 0) throw new Error(res.data.msg); // expect: v2-response-shape
  if (res.data.data.status === 2) return res.data.data.imgs; // expect: v2-response-shape
  return null;
}
