/**
 * A fetch-style call (`input`, `init`) taken apart into what the V2 routes
 * need: URL, method, headers, body bytes. Accepts WHATWG Request/Headers and
 * the look-alikes of node-fetch 2 (duck-typed: `url`, `method`, `headers`,
 * `arrayBuffer()`), and bodies as strings, bytes, URLSearchParams, Blobs,
 * web streams and Node streams.
 */
import type { V2HttpAnswer, V2HttpRequest } from '../v2-http.js';

/** The parts of a Request-like object this reads. */
interface RequestLike {
  url: string;
  method?: string;
  headers?: unknown;
  arrayBuffer?: () => Promise<ArrayBuffer>;
}

export type FetchInput = string | URL | RequestLike;

function isRequestLike(input: unknown): input is RequestLike {
  return typeof input === 'object' && input !== null && !(input instanceof URL) && typeof (input as RequestLike).url === 'string';
}

export function urlOf(input: FetchInput): URL | undefined {
  try {
    return new URL(isRequestLike(input) ? input.url : String(input));
  } catch {
    return undefined;
  }
}

/** Header pairs from a Headers, a node-fetch Headers, an array of pairs or a record. */
export function headerPairs(headers: unknown): Array<[string, string]> {
  if (!headers) return [];
  const out: Array<[string, string]> = [];
  const h = headers as { forEach?: (cb: (value: string, key: string) => void) => void };
  if (typeof h.forEach === 'function' && !Array.isArray(headers)) {
    h.forEach((value, key) => out.push([key, String(value)]));
    return out;
  }
  const entries = Array.isArray(headers) ? (headers as Array<[string, unknown]>) : Object.entries(headers as Record<string, unknown>);
  for (const [k, v] of entries) {
    if (v === undefined || v === null) continue;
    out.push([k, Array.isArray(v) ? v.join(', ') : String(v)]);
  }
  return out;
}

export async function readBodyBytes(body: unknown): Promise<Buffer | undefined> {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (Buffer.isBuffer(body)) return body;
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (ArrayBuffer.isView(body)) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof Blob) return Buffer.from(await body.arrayBuffer());
  if (body instanceof ReadableStream) return Buffer.from(await new Response(body).arrayBuffer());
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<unknown>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk as Uint8Array));
    return Buffer.concat(chunks);
  }
  return Buffer.from(await new Response(body as BodyInit).arrayBuffer());
}

/** The V2 request a fetch call makes (init wins over the Request's own parts, as in fetch). */
export async function fetchCallToV2Request(input: FetchInput, init: { method?: string; headers?: unknown; body?: unknown } | undefined, url: URL): Promise<V2HttpRequest> {
  const req = isRequestLike(input) ? input : undefined;
  const headers = new Map<string, string>();
  for (const [k, v] of headerPairs(init?.headers ?? req?.headers)) headers.set(k.toLowerCase(), v);
  let body = await readBodyBytes(init?.body);
  if (body === undefined && req?.arrayBuffer && init?.body === undefined) {
    const bytes = Buffer.from(await req.arrayBuffer());
    body = bytes.length ? bytes : undefined;
  }
  return {
    method: (init?.method ?? req?.method ?? 'GET').toUpperCase(),
    url,
    header: (name) => headers.get(name.toLowerCase()),
    body,
  };
}

export function toWhatwgResponse(answer: V2HttpAnswer, method: string, url: URL): Response {
  const body = method === 'HEAD' ? null : new Uint8Array(answer.body);
  const res = new Response(body, { status: answer.status, headers: { ...answer.headers, 'content-length': String(answer.body.length) } });
  // A Response made in code has url ''; clients that read res.url see the one they asked for.
  Object.defineProperty(res, 'url', { value: url.href });
  return res;
}
