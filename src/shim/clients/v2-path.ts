/** Where a V2 route lands on the runtime's loopback server. */
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH } from '../../spec/endpoints.js';
import type { V2Route } from '../v2-http.js';

export function loopbackTarget(v2Base: string, route: Exclude<V2Route, 'result'>, original: URL): URL {
  return new URL(`${v2Base}${route === 'upscale' ? V2_UPSCALE_PATH : V2_PROGRESS_PATH}${original.search}`);
}
