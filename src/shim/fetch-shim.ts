/**
 * A fetch-compatible function that answers the V2 upscale API in-process:
 * `POST https://api.novita.ai/v2/upscale` and `GET …/v2/progress` (and the
 * `api.omniinfer.io` twins) go to a V2 client; the result image URLs that
 * client hands out are served too; every other request goes to the real
 * fetch with the very same arguments.
 */
import { isNovitaHost } from '../spec/endpoints.js';
import type { UpscaleBackend } from './backend.js';
import { loadV2Client } from './load-v2-client.js';
import { answerV2Request, v2RouteOfPath, type V2ClientSurface, type V2HttpAnswer } from './v2-http.js';

/** Where in-process result images live: on the Novita host, under a path V2 never used. */
export const DEFAULT_SHIM_RESULT_BASE_URL = 'https://api.novita.ai/__novita-migrate-shim/results';

export interface ShimClientOptions {
  /** Key for the novita backend when a request carries none. */
  apiKey?: string;
  /** V3 base URL for the novita backend. */
  baseUrl?: string;
  backend?: 'novita' | 'local' | UpscaleBackend;
  onWarn?: (feature: string, message: string) => void;
}

export interface ShimFetchOptions extends ShimClientOptions {
  /** The real fetch other requests go to (and the novita backend uses). Default: globalThis.fetch at creation time. */
  fetch?: typeof globalThis.fetch;
  /** The fetch the novita backend calls V3 with (default: `fetch`). */
  backendFetch?: typeof globalThis.fetch;
  /** Answer with this client instead of creating one. */
  client?: V2ClientSurface;
  /** Base of the result image URLs handed out (default DEFAULT_SHIM_RESULT_BASE_URL). */
  resultBaseUrl?: string;
}

export type ShimFetch = typeof globalThis.fetch & {
  /** Stops the client it created (a client passed in is left alone). */
  close(): Promise<void>;
};

export function createShimFetch(options: ShimFetchOptions = {}): ShimFetch {
  const realFetch = options.fetch ?? globalThis.fetch;
  const resultBase = new URL(options.resultBaseUrl ?? DEFAULT_SHIM_RESULT_BASE_URL);
  const resultPrefix = resultBase.pathname.replace(/\/+$/, '');
  let clientPromise: Promise<V2ClientSurface> | undefined = options.client ? Promise.resolve(options.client) : undefined;
  const ownsClient = !options.client;

  function client(): Promise<V2ClientSurface> {
    clientPromise ??= createDefaultClient(options, options.backendFetch ?? realFetch, resultBase.href.replace(/\/+$/, ''));
    return clientPromise;
  }

  const shimFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const route = routeOf(url);
    if (!route) return realFetch(input, init);
    init?.signal?.throwIfAborted();
    if (input instanceof Request) input.signal.throwIfAborted();
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const headers = new Headers(init?.headers ?? (input instanceof Request ? input.headers : undefined));
    const body = await readBody(input, init);
    const answer = await answerV2Request(await client(), route, {
      method,
      url,
      header: (name) => headers.get(name) ?? undefined,
      body,
    });
    return toResponse(answer, method);
  };

  function routeOf(url: URL): ReturnType<typeof v2RouteOfPath> {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    const route = v2RouteOfPath(url.pathname, resultPrefix);
    if (route === 'result') return url.host === resultBase.host ? route : undefined;
    return route && isNovitaHost(url.hostname) ? route : undefined;
  }

  return Object.assign(shimFetch, {
    async close(): Promise<void> {
      if (ownsClient && clientPromise) await (await clientPromise).close();
      clientPromise = ownsClient ? undefined : clientPromise;
    },
  });
}

/**
 * Replaces `globalThis.fetch` with a shim fetch (other requests still reach
 * the original). Returns the function that puts the original back.
 */
export function installFetchShim(options: ShimFetchOptions = {}): () => Promise<void> {
  const original = globalThis.fetch;
  const shim = createShimFetch({ ...options, fetch: options.fetch ?? original });
  globalThis.fetch = shim;
  return async () => {
    if (globalThis.fetch === shim) globalThis.fetch = original;
    await shim.close();
  };
}

let defaultShim: ShimFetch | undefined;

/**
 * `fetch` with the V2 upscale API answered by the shim: `fetch(url, init)`
 * becomes `upscaleV2(url, init)`, nothing else changes. Configured from the
 * environment: NOVITA_API_KEY, NOVITA_MIGRATE_BACKEND (novita | local).
 */
export const upscaleV2: typeof globalThis.fetch = (input, init) => {
  defaultShim ??= createShimFetch(optionsFromEnv(process.env));
  return defaultShim(input, init);
};

export function optionsFromEnv(env: NodeJS.ProcessEnv): ShimFetchOptions {
  const options: ShimFetchOptions = {};
  if (env.NOVITA_API_KEY) options.apiKey = env.NOVITA_API_KEY;
  const backend = env.NOVITA_MIGRATE_BACKEND?.trim().toLowerCase();
  if (backend === 'novita' || backend === 'local') options.backend = backend;
  else if (backend) throw new Error(`NOVITA_MIGRATE_BACKEND must be novita or local, not ${JSON.stringify(env.NOVITA_MIGRATE_BACKEND)}`);
  return options;
}

async function createDefaultClient(options: ShimClientOptions, backendFetch: typeof globalThis.fetch, resultBaseUrl: string): Promise<V2ClientSurface> {
  return loadV2Client({ apiKey: options.apiKey, baseUrl: options.baseUrl, backend: options.backend, onWarn: options.onWarn, fetch: backendFetch, resultBaseUrl });
}

async function readBody(input: RequestInfo | URL, init: RequestInit | undefined): Promise<Buffer | undefined> {
  if (init?.body !== undefined && init.body !== null) return Buffer.from(await new Response(init.body).arrayBuffer());
  if (input instanceof Request && input.body) return Buffer.from(await input.arrayBuffer());
  return undefined;
}

function toResponse(answer: V2HttpAnswer, method: string): Response {
  const body = method === 'HEAD' ? null : new Uint8Array(answer.body);
  return new Response(body, { status: answer.status, headers: { ...answer.headers, 'content-length': String(answer.body.length) } });
}
