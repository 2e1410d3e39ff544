// Only the poll is in this file, and it was moved to V3 by hand: the status check is V2's.
export async function waitFor(taskId, headers) {
  for (;;) {
    const res = await fetch(`https://api.novita.ai/v3/async/task-result?task_id=${taskId}`, { headers });
    const body = await res.json();
    if (body.data.status === 2) return body.data.imgs; // expect: v2-read-on-v3
    await new Promise((r) => setTimeout(r, 1000));
  }
}
