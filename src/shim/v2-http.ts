/**
 * V2 over HTTP, independent of the transport: one request in (method, URL,
 * headers, body bytes), one answer out. The fetch shim, the axios adapter and
 * `shim serve` all answer through this, so they cannot disagree.
 *
 * V2 answered every API call with HTTP 200 and the outcome in the body's
 * `code` (the 1.x SDK throws on a non-2xx status before it reads `code`), so
 * the shim does the same; only transport-level refusals (wrong method, body
 * over the cap, unknown path) use an HTTP error status.
 */
import { V2_CODES } from '../spec/codes.js';
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH } from '../spec/endpoints.js';
import { V2Error } from './backend.js';

/** A V2 JSON answer: `{ code, msg, data }`. */
export interface V2Answer {
  code: number;
  msg: string;
  data?: unknown;
}

/** A result image held by the client. */
export interface V2ResultImage {
  data: Buffer | Uint8Array;
  contentType?: string;
}

/** The part of the V2 client (createV2Client) the HTTP surfaces use. */
export interface V2ClientSurface {
  upscale(body: unknown, options?: { apiKey?: string }): Promise<V2Answer>;
  progress(taskId: string, options?: { apiKey?: string }): Promise<V2Answer>;
  getResult(id: string): Promise<V2ResultImage | Buffer | Uint8Array | undefined | null> | V2ResultImage | Buffer | Uint8Array | undefined | null;
  close(): Promise<void> | void;
  /** Whether the client issued this id; without it, every id is the client's. */
  owns?(taskId: string): Promise<boolean>;
  /** V2's own answer for an id the client did not issue, unchanged. */
  passThrough?(taskId: string, credentials: { authorization?: string; omniKey?: string }): Promise<V2HttpAnswer>;
}

export interface V2HttpRequest {
  method: string;
  /** The request URL (absolute). */
  url: URL;
  /** Header lookup, case-insensitive. */
  header(name: string): string | undefined;
  /** The raw body (undefined for a bodiless request). */
  body?: Buffer;
}

export interface V2HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export type V2Route = 'upscale' | 'progress' | 'result';

const JSON_TYPE = 'application/json; charset=utf-8';

/** The caller's key: `Authorization: Bearer K`, a bare `Authorization: K` (the 1.x SDK) or `X-Omni-Key` (the old host). */
export function callerKey(header: (name: string) => string | undefined): string | undefined {
  const auth = header('authorization')?.trim();
  if (auth) return auth.replace(/^bearer\s+/i, '').trim() || undefined;
  return header('x-omni-key')?.trim() || undefined;
}

export function v2Json(status: number, answer: V2Answer): V2HttpAnswer {
  return { status, headers: { 'content-type': JSON_TYPE }, body: Buffer.from(JSON.stringify(answer)) };
}

/**
 * Which V2 route a path names: the exact V2 paths, or a file under the
 * result prefix (`<resultPathPrefix>/<id>`).
 */
export function v2RouteOfPath(pathname: string, resultPathPrefix: string): V2Route | undefined {
  const bare = pathname.replace(/\/+$/, '');
  if (bare === V2_UPSCALE_PATH) return 'upscale';
  if (bare === V2_PROGRESS_PATH) return 'progress';
  const prefix = `${resultPathPrefix.replace(/\/+$/, '')}/`;
  if (pathname.startsWith(prefix) && pathname.length > prefix.length && !pathname.slice(prefix.length).includes('/')) return 'result';
  return undefined;
}

/** Answers one request to a V2 route. Never throws: a failure becomes a V2 code -1 answer. */
export async function answerV2Request(
  client: V2ClientSurface,
  route: V2Route,
  req: V2HttpRequest,
  options: { fallbackApiKey?: string } = {},
): Promise<V2HttpAnswer> {
  try {
    const apiKey = callerKey(req.header) ?? options.fallbackApiKey;
    const keyOption = apiKey ? { apiKey } : undefined;
    switch (route) {
      case 'upscale': {
        if (req.method !== 'POST') return methodNotAllowed('POST');
        const parsed = parseJsonBody(req.body);
        if (!parsed.ok) return v2Json(200, { code: V2_CODES.InvalidJSON, msg: parsed.message });
        return v2Json(200, await client.upscale(parsed.value, keyOption));
      }
      case 'progress': {
        if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed('GET');
        const taskId = req.url.searchParams.get('task_id') ?? '';
        if (client.owns && client.passThrough && !(await client.owns(taskId))) {
          const authorization = req.header('authorization') ?? (options.fallbackApiKey && !req.header('x-omni-key') ? `Bearer ${options.fallbackApiKey}` : undefined);
          return client.passThrough(taskId, { authorization, omniKey: req.header('x-omni-key') });
        }
        return v2Json(200, await client.progress(taskId, keyOption));
      }
      case 'result': {
        if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed('GET');
        const name = decodeURIComponent(req.url.pathname.slice(req.url.pathname.lastIndexOf('/') + 1));
        const image = await lookupResult(client, name);
        if (!image) return v2Json(404, { code: V2_CODES.TaskIdNotExist, msg: 'result image not found or expired' });
        const bytes = Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength);
        return { status: 200, headers: { 'content-type': image.contentType ?? 'image/png', 'cache-control': 'private, no-store' }, body: bytes };
      }
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    // A V2Error carries its own code, e.g. 5 HostUnavailable when a shared task store is away.
    const code = err instanceof V2Error ? err.code : V2_CODES.InternalError;
    return v2Json(200, { code, msg: message.split('\n')[0]! });
  }
}

/** Accepts the id with or without its file extension, whichever the client stores. */
async function lookupResult(client: V2ClientSurface, name: string): Promise<V2ResultImage | undefined> {
  const candidates = [name];
  const dot = name.lastIndexOf('.');
  if (dot > 0) candidates.push(name.slice(0, dot));
  for (const id of candidates) {
    const found = await client.getResult(id);
    if (!found) continue;
    if (found instanceof Uint8Array) return { data: found };
    return found;
  }
  return undefined;
}

function methodNotAllowed(allowed: string): V2HttpAnswer {
  const answer = v2Json(405, { code: V2_CODES.NotSupport, msg: `method not allowed; use ${allowed}` });
  answer.headers.allow = allowed;
  return answer;
}

function parseJsonBody(body: Buffer | undefined): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = body?.toString('utf8') ?? '';
  if (text.trim() === '') return { ok: false, message: 'invalid JSON: the request body is empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
}
