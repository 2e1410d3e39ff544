/**
 * A superagent plugin: `request.post(url).use(superagentV2).send(body)`.
 * A V2 route is sent to the runtime's loopback server (started when the
 * request is sent); anything else is left alone.
 */
import { loopbackServer } from '../runtime/loopback-server.js';
import { runtimeRouteOf } from '../runtime/routes.js';
import { loopbackTarget } from './v2-path.js';

/** The part of a superagent Request the plugin touches. */
export interface SuperagentRequestLike {
  url: string;
  end(callback?: (err: unknown, res?: unknown) => void): unknown;
}

export function superagentV2<R extends SuperagentRequestLike>(req: R): R {
  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return req;
  }
  const route = runtimeRouteOf(url);
  if (!route || route === 'result') return req;
  const end = req.end;
  // `.then()` and `.end(cb)` both go through end(): redirect there, once the loopback listens.
  req.end = function (this: R, callback) {
    loopbackServer().then(
      (loopback) => {
        const current = new URL(req.url);
        req.url = loopbackTarget(loopback.v2Base, route, current).href;
        end.call(req, callback);
      },
      (err: unknown) => callback?.(err),
    );
    return req;
  };
  return req;
}
