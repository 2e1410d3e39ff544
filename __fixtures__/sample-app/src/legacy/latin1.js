// Ancien client : encodé en Latin-1, laissé tel quel par fix.
export async function upscaleLatin1(image) {
  const res = await fetch("https://api.novita.ai/v2/upscale", { method: "POST", body: JSON.stringify({ image, upscaler_1: "Lanczos", upscaling_resize: 2 }) });
  return (await res.json()).data.task_id;
}
