/**
 * undici's `request`, V2 routes answered by the runtime in undici's
 * ResponseData shape (`statusCode`, `headers`, `body` readable with
 * `.json()`, `.text()`, `.arrayBuffer()`, `.blob()`, `.bytes()`); anything
 * else goes to the app's own `undici.request`, loaded on first use.
 */
import { Readable } from 'node:stream';
import { runtimeRouteOf } from '../runtime/routes.js';
import { answerOnRuntime } from '../runtime/runtime-client.js';
import type { V2HttpAnswer } from '../v2-http.js';
import { headerPairs, readBodyBytes } from './request-parts.js';

export interface UndiciRequestOptions {
  method?: string;
  headers?: Record<string, string | string[] | undefined> | string[] | Iterable<[string, string]> | null;
  body?: unknown;
  query?: Record<string, unknown>;
  signal?: AbortSignal | null;
  [option: string]: unknown;
}

export interface UndiciBody extends Readable {
  text(): Promise<string>;
  json(): Promise<unknown>;
  arrayBuffer(): Promise<ArrayBuffer>;
  blob(): Promise<Blob>;
  bytes(): Promise<Uint8Array>;
  dump(): Promise<void>;
  readonly bodyUsed: boolean;
}

export interface UndiciResponseData {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: UndiciBody;
  trailers: Record<string, string>;
  opaque: unknown;
  context: object;
}

type UndiciModule = { request(url: unknown, options?: unknown): Promise<unknown> };

export async function undiciRequestV2(url: string | URL, options: UndiciRequestOptions = {}): Promise<UndiciResponseData> {
  let target: URL | undefined;
  try {
    target = new URL(String(url));
    if (options.query) for (const [k, v] of Object.entries(options.query)) if (v !== undefined && v !== null) target.searchParams.append(k, String(v));
  } catch {
    target = undefined;
  }
  const route = target && runtimeRouteOf(target);
  if (!target || !route) {
    const undici = (await import('undici' as string)) as UndiciModule;
    return (await undici.request(url, options)) as UndiciResponseData;
  }
  options.signal?.throwIfAborted();
  const headers = new Map<string, string>();
  for (const [k, v] of flatHeaderPairs(options.headers)) headers.set(k.toLowerCase(), v);
  const method = (options.method ?? 'GET').toUpperCase();
  const answer = await answerOnRuntime(route, {
    method,
    url: target,
    header: (name) => headers.get(name.toLowerCase()),
    body: await readBodyBytes(options.body),
  });
  return responseData(answer, method === 'HEAD', options.opaque ?? null);
}

/** undici also takes headers as a flat array: [name, value, name, value, …]. */
function flatHeaderPairs(headers: UndiciRequestOptions['headers']): Array<[string, string]> {
  if (Array.isArray(headers) && typeof headers[0] === 'string') {
    const out: Array<[string, string]> = [];
    for (let i = 0; i + 1 < headers.length; i += 2) out.push([String(headers[i]), String(headers[i + 1])]);
    return out;
  }
  if (headers && typeof (headers as Iterable<unknown>)[Symbol.iterator] === 'function' && !Array.isArray(headers)) return [...(headers as Iterable<[string, string]>)];
  return headerPairs(headers);
}

function responseData(answer: V2HttpAnswer, headOnly: boolean, opaque: unknown): UndiciResponseData {
  const bytes = headOnly ? Buffer.alloc(0) : answer.body;
  let used = false;
  const stream = new Readable({
    read() {
      this.push(bytes);
      this.push(null);
    },
  });
  stream.on('data', () => (used = true));
  const consume = async (): Promise<Buffer> => {
    if (used) throw new TypeError('unusable: the body was already read');
    used = true;
    stream.destroy();
    return bytes;
  };
  const body = Object.assign(stream, {
    text: async () => (await consume()).toString('utf8'),
    json: async (): Promise<unknown> => JSON.parse((await consume()).toString('utf8')),
    arrayBuffer: async () => {
      const b = await consume();
      return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
    },
    blob: async () => new Blob([new Uint8Array(await consume())], { type: answer.headers['content-type'] ?? '' }),
    bytes: async () => new Uint8Array(await consume()),
    dump: async () => {
      used = true;
      stream.destroy();
    },
  });
  Object.defineProperty(body, 'bodyUsed', { get: () => used });
  return {
    statusCode: answer.status,
    headers: { ...answer.headers, 'content-length': String(answer.body.length) },
    body: body as unknown as UndiciBody,
    trailers: {},
    opaque,
    context: {},
  };
}
