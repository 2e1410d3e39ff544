export const poll = (id) => fetch(`https://api.novita.ai/v2/progress?task_id=${id}`); // expect: no-v2-progress

// A txt2img task's poll: still deprecated, with advice to move it with its own submit.
export async function paint(prompt) {
  const res = await fetch('https://api.novita.ai/v2/txt2img', { method: 'POST', body: JSON.stringify({ prompt }) });
  const taskId = (await res.json()).data.task_id;
  return fetch(`https://api.novita.ai/v2/progress?task_id=${taskId}`); // expect: no-v2-progress
}
