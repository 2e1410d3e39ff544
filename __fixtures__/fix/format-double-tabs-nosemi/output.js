export async function upscale(image) {
	const res = await fetch("https://api.novita.ai/v3/async/upscale", {
		method: "POST",
		headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
		body: JSON.stringify({
		    request: {
			    model_name: "RealESRGAN_x4plus_anime_6B",
			    image_base64: image,
			    scale_factor: 2
			}
		})
	})
	const json = await res.json()
	const id = json.task_id
	let progress
	do {
		progress = await (await fetch(`https://api.novita.ai/v3/async/task-result?task_id=${id}`, { headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } })).json()
	} while (progress.task.status !== "TASK_STATUS_SUCCEED")
	return progress.images.map(image => image.image_url);
}
