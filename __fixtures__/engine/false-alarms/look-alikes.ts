// Other services' paths that merely end in /v2/upscale or /v2/progress under a base lint cannot see: never reported.
declare const courseId: string;

export class MidjourneyProxy {
  constructor(private readonly url: string) {}
  upscale(taskId: string, index: number) {
    return fetch(`${this.url}/mj/v2/upscale`, { method: 'POST', body: JSON.stringify({ taskId, index }) });
  }
}

export const mjUpscale = (id: string) =>
  fetch(`${process.env.MIDJOURNEY_API_BASE_URL}/midjourney/v2/upscale`, { method: 'POST', body: JSON.stringify({ id }) });

export const courseProgress = () => fetch(`/api/v2/progress?courseId=${courseId}`);
