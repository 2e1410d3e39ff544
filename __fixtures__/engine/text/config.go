package upscale

// Deprecated: moved to V3.
const upscaleURL = "https://api.novita.ai/v2/upscale"
const progressURL = "https://api.novita.ai/v2/progress?task_id=%s"
const otherURL = "https://upscale.media/v2/upscale"
