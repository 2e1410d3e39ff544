// Another service with its own `/mj/v2/upscale`, under a base URL that is not known here: not Novita.
export class MidjourneyClient {
  constructor(url) {
    this.url = url;
  }

  upscale(taskId, index) {
    return fetch(`${this.url}/mj/v2/upscale`, { method: 'POST', body: JSON.stringify({ taskId, index }) });
  }

  courseProgress(courseId) {
    return fetch(`/api/v2/progress?courseId=${courseId}`);
  }
}
