/**
 * Which requests the runtime answers: POST /v2/upscale and GET /v2/progress
 * on a Novita host or under the configured V2 base URL (whatever its host),
 * and the runtime's own result URLs. Everything else is the app's business.
 */
import { isNovitaHost } from '../../spec/endpoints.js';
import { v2RouteOfPath, type V2Route } from '../v2-http.js';
import { runtimeConfig, shimRuntime } from './process-runtime.js';

export const RESULT_PATH = '/results';

/** `/v2/upscale` or `/v2/progress` exactly (a trailing slash allowed). */
function v2ApiRoute(pathname: string): V2Route | undefined {
  const route = v2RouteOfPath(pathname, '/\u0000');
  return route === 'result' ? undefined : route;
}

export function runtimeRouteOf(url: URL): V2Route | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  const state = shimRuntime();
  if (state.loopbackOrigin && url.origin === state.loopbackOrigin) {
    return v2RouteOfPath(url.pathname, RESULT_PATH) === 'result' ? 'result' : undefined;
  }
  if (isNovitaHost(url.hostname)) return v2ApiRoute(url.pathname);
  const base = new URL(runtimeConfig().v2BaseUrl);
  if (url.origin !== base.origin) return undefined;
  const prefix = base.pathname.replace(/\/+$/, '');
  if (prefix && !url.pathname.startsWith(`${prefix}/`)) return undefined;
  return v2ApiRoute(url.pathname.slice(prefix.length));
}
