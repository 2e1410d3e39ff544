/** Hosts and paths of the Novita upscale APIs (API.md, "Host"). */

/** Hosts that are Novita: the current one and its predecessor (same API). */
export const NOVITA_HOSTS = ['api.novita.ai', 'api.omniinfer.io'] as const;
export type NovitaHost = (typeof NOVITA_HOSTS)[number];

export const DEFAULT_NOVITA_BASE_URL = 'https://api.novita.ai';

export const V2_UPSCALE_PATH = '/v2/upscale';
export const V2_PROGRESS_PATH = '/v2/progress';
export const V3_UPSCALE_PATH = '/v3/async/upscale';
export const V3_TASK_RESULT_PATH = '/v3/async/task-result';
export const V3_RESTORE_FACE_PATH = '/v3/restore-face';

export type V2Endpoint = 'upscale' | 'progress';

/** The V3 path that replaces each V2 endpoint. */
export const V3_REPLACEMENT_PATH: Record<V2Endpoint, string> = {
  upscale: V3_UPSCALE_PATH,
  progress: V3_TASK_RESULT_PATH,
};

export const V2_ENDPOINT_PATH: Record<V2Endpoint, string> = {
  upscale: V2_UPSCALE_PATH,
  progress: V2_PROGRESS_PATH,
};

export function isNovitaHost(host: string): boolean {
  return (NOVITA_HOSTS as readonly string[]).includes(host.toLowerCase());
}

/**
 * Which V2 endpoint a URL path names, if any. Accepts a query string and a
 * trailing slash (`/v2/progress?task_id=…`, `/v2/upscale/`).
 */
export function v2EndpointOfPath(path: string): V2Endpoint | undefined {
  const bare = path.split(/[?#]/, 1)[0]!.replace(/\/+$/, '');
  if (bare.endsWith(V2_UPSCALE_PATH)) return 'upscale';
  if (bare.endsWith(V2_PROGRESS_PATH)) return 'progress';
  return undefined;
}
