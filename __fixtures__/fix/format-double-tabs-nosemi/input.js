export async function upscale(image) {
	const res = await fetch("https://api.novita.ai/v2/upscale", {
		method: "POST",
		body: JSON.stringify({ image, upscaler_1: "R-ESRGAN 4x+ Anime6B", upscaling_resize: 2 })
	})
	const json = await res.json()
	return json.data.task_id
}
