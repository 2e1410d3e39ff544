export async function waitForResult(taskId, base = 'https://api.novita.ai') {
  const url = new URL(`/v2/progress?task_id=${taskId}`, base);
  return fetch(url.toString())
    .then((r) => r.json())
    .then((json) => (json.data.status === 2 ? json.data.imgs : null));
}
