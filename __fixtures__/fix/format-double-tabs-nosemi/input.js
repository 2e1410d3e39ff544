export async function upscale(image) {
	const res = await fetch("https://api.novita.ai/v2/upscale", {
		method: "POST",
		headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` },
		body: JSON.stringify({ image, upscaler_1: "R-ESRGAN 4x+ Anime6B", upscaling_resize: 2 })
	})
	const json = await res.json()
	const id = json.data.task_id
	let progress
	do {
		progress = await (await fetch(`https://api.novita.ai/v2/progress?task_id=${id}`, { headers: { Authorization: `Bearer ${process.env.NOVITA_API_KEY}` } })).json()
	} while (progress.data.status !== 2)
	return progress.data.imgs
}
