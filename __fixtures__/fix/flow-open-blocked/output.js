// The submit's id leaves the function, and a poll elsewhere in the project stays on V2:
// a shim task id would never reach it, so nothing here changes.
export async function submit(image) {
  // TODO(novita-migrate): V2 upscale kept: the task id is returned or passed on, so its polls cannot be found; its task id may be polled by V2 code that stays V2 (in src/browser/poll-in-page.js), which could not see a shim task
  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });
  const json = await res.json();
  return json.data.task_id;
}
