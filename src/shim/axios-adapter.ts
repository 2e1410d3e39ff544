/**
 * An axios adapter that answers the V2 upscale API from the process runtime
 * (same routes as upscaleV2; every adapter shares one task store) and hands
 * every other request to axios' own adapter.
 *
 *   axios.create({ adapter: createAxiosAdapter() })
 *
 * axios is not a runtime dependency: its types are imported for checking,
 * and the default adapter is taken from the `axios` option, or loaded from
 * the caller's own axios the first time a non-V2 request needs it.
 */
import type { AxiosAdapter, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { Readable } from 'node:stream';
import { createShimFetch, type ShimFetchOptions } from './fetch-shim.js';

/** The part of the axios module the adapter uses to find axios' own adapter. */
export interface AxiosLike {
  getAdapter(adapters: unknown): AxiosAdapter;
  defaults: { adapter?: unknown };
}

export interface ShimAxiosAdapterOptions extends Omit<ShimFetchOptions, 'fetch'> {
  /** The axios module whose default adapter takes non-V2 requests. */
  axios?: AxiosLike;
  /** Or that adapter itself. */
  fallbackAdapter?: AxiosAdapter;
}

export function createAxiosAdapter(options: ShimAxiosAdapterOptions = {}): AxiosAdapter {
  let fallback: Promise<AxiosAdapter> | undefined = options.fallbackAdapter ? Promise.resolve(options.fallbackAdapter) : undefined;
  // V2 routes are answered by the shim; anything else reaches this "real fetch", which means: axios' own adapter.
  const passThrough = Symbol('pass-through');
  // No own settings: every adapter answers from the process runtime (one store, one client).
  const shimFetch = createShimFetch({ ...options, fetch: () => Promise.reject(passThrough) });

  function defaultAdapter(): Promise<AxiosAdapter> {
    fallback ??= (async () => {
      const ax: AxiosLike = options.axios ?? ((await import('axios')).default as unknown as AxiosLike);
      return ax.getAdapter(ax.defaults.adapter ?? ['xhr', 'http', 'fetch']);
    })();
    return fallback;
  }

  return async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const url = fullUrl(config);
    let res: Response;
    try {
      res = await shimFetch(url, {
        method: (config.method ?? 'get').toUpperCase(),
        headers: plainHeaders(config.headers),
        body: requestBody(config.data),
        signal: config.signal instanceof AbortSignal ? config.signal : undefined,
      });
    } catch (err) {
      if (err === passThrough) return (await defaultAdapter())(config);
      throw err;
    }
    const response: AxiosResponse = {
      data: await responseData(res, config.responseType),
      status: res.status,
      statusText: res.statusText,
      headers: headerRecord(res.headers),
      config,
      request: {},
    };
    const valid = config.validateStatus ? config.validateStatus(res.status) : res.status >= 200 && res.status < 300;
    if (!valid) throw axiosLikeError(response);
    return response;
  };
}

/** baseURL + url + params, the way axios builds them for plain params objects. */
function fullUrl(config: InternalAxiosRequestConfig): string {
  const path = config.url ?? '';
  const absolute = /^[a-z][a-z\d+.-]*:\/\//i.test(path) || !config.baseURL ? path : `${config.baseURL.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
  if (!config.params) return absolute;
  const url = new URL(absolute);
  const params = config.params instanceof URLSearchParams ? config.params : Object.entries(config.params as Record<string, unknown>);
  for (const [k, v] of params) if (v !== undefined && v !== null) url.searchParams.append(k, String(v));
  return url.href;
}

function plainHeaders(headers: InternalAxiosRequestConfig['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  const source = (typeof headers?.toJSON === 'function' ? headers.toJSON() : headers) as Record<string, unknown> | undefined;
  for (const [k, v] of Object.entries(source ?? {})) if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  return out;
}

/** After axios' transformRequest the body is usually a JSON string; objects are stringified like axios would. */
function requestBody(data: unknown): BodyInit | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string' || data instanceof ArrayBuffer || data instanceof Uint8Array || data instanceof URLSearchParams) return data as BodyInit;
  return JSON.stringify(data);
}

async function responseData(res: Response, responseType: InternalAxiosRequestConfig['responseType']): Promise<unknown> {
  const bytes = Buffer.from(await res.arrayBuffer());
  switch (responseType) {
    case 'arraybuffer':
      return bytes;
    case 'stream':
      return Readable.from([bytes]);
    case 'blob':
      return new Blob([bytes], { type: res.headers.get('content-type') ?? '' });
    case 'json': {
      // axios' transformResponse parses JSON strings; hand it the text like its http adapter does.
      return bytes.toString('utf8');
    }
    default:
      return bytes.toString('utf8');
  }
}

function axiosLikeError(response: AxiosResponse): Error {
  const err = new Error(`Request failed with status code ${response.status}`) as Error & Record<string, unknown>;
  err.name = 'AxiosError';
  err.isAxiosError = true;
  err.code = response.status >= 500 ? 'ERR_BAD_RESPONSE' : 'ERR_BAD_REQUEST';
  err.config = response.config;
  err.response = response;
  err.status = response.status;
  return err;
}

function headerRecord(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  headers.forEach((value, key) => (out[key] = value));
  return out;
}
