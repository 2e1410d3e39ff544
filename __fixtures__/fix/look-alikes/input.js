// Paths that merely end in /v2/upscale or /v2/progress under a base nobody knows belong to other services.
export class Proxy {
  constructor(url) {
    this.url = url;
  }

  midjourneyUpscale(id) {
    return fetch(`${this.url}/mj/v2/upscale`, { method: 'POST', body: JSON.stringify({ id }) });
  }

  midjourneyV2(id) {
    return fetch(`${process.env.MIDJOURNEY_API_BASE_URL}/midjourney/v2/upscale`, { method: 'POST', body: JSON.stringify({ id }) });
  }
}

export const courseProgress = (courseId) => fetch(`/api/v2/progress?courseId=${courseId}`);

// Another upscaler whose API root is configurable: same path, nothing V2 in the body.
export const otherUpscaler = (baseURL, imageUrl, quality) =>
  fetch(`${baseURL}/v2/upscale/`, { method: 'POST', body: JSON.stringify({ imageUrl, quality }) });
