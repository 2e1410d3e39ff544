/**
 * What `shim serve` refuses before any work, so a web page cannot spend the
 * server-side key: cross-origin requests unless the origin was allowed
 * (CORS off by default, preflight answered for allowed origins), and, from
 * a browser (a request with an Origin), upload bodies that are not
 * `application/json` (a page can send text/plain without a preflight).
 * Server-side V2 clients send no Origin and often no JSON type (fetch with a
 * string body says text/plain): they are no CSRF vector, and V2 took them.
 */
import { V2_CODES } from '../spec/codes.js';
import { v2Json, type V2HttpAnswer } from './v2-http.js';

const ALLOWED_METHODS = 'GET, HEAD, POST, OPTIONS';
const ALLOWED_HEADERS = 'authorization, content-type, x-omni-key';

/** CORS headers for an allowed origin; undefined when there is no Origin or it is not allowed. */
export function corsHeaders(origin: string | undefined, allowedOrigins: readonly string[]): Record<string, string> | undefined {
  if (!origin || !allowedOrigins.includes(origin)) return undefined;
  return { 'access-control-allow-origin': origin, vary: 'Origin' };
}

/** The answer to a request before routing, or undefined to go on. */
export function guardRequest(method: string, origin: string | undefined, contentType: string | undefined, isUpload: boolean, allowedOrigins: readonly string[]): V2HttpAnswer | undefined {
  const cors = corsHeaders(origin, allowedOrigins);
  if (origin && !cors) return v2Json(403, { code: V2_CODES.NotSupport, msg: `origin ${origin} is not allowed (start shim serve with --cors-origin ${origin})` });
  if (method === 'OPTIONS') {
    if (!cors) return v2Json(403, { code: V2_CODES.NotSupport, msg: 'CORS is off (start shim serve with --cors-origin <origin>)' });
    return { status: 204, headers: { ...cors, 'access-control-allow-methods': ALLOWED_METHODS, 'access-control-allow-headers': ALLOWED_HEADERS, 'access-control-max-age': '600' }, body: Buffer.alloc(0) };
  }
  if (origin && isUpload && method === 'POST' && !isJson(contentType)) {
    return v2Json(415, { code: V2_CODES.InvalidJSON, msg: `the request body must be application/json, not ${contentType ? JSON.stringify(contentType) : 'untyped'}` });
  }
  return undefined;
}

function isJson(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json';
}
