/**
 * Fetch-compatible entry points. V2 routes (POST …/v2/upscale, GET
 * …/v2/progress on a Novita host or under the configured V2 base URL, and
 * the runtime's result URLs) are answered by the process runtime; every
 * other request goes to the wrapped fetch with the very same arguments.
 *
 *   upscaleV2(url, init)            fetch, with globalThis.fetch behind it
 *   withV2Shim(fetchImpl)(url, init) the same in front of any fetch (node-fetch 2, undici.fetch)
 *   installFetchShim()              replaces globalThis.fetch
 */
import { isNovitaHost } from '../spec/endpoints.js';
import type { UpscaleBackend } from './backend.js';
import { configFromEnv } from './runtime/config.js';
import { markShimFetch } from './runtime/real-fetch.js';
import { runtimeRouteOf } from './runtime/routes.js';
import { answerOnRuntime } from './runtime/runtime-client.js';
import { fetchCallToV2Request, toWhatwgResponse, urlOf, type FetchInput } from './clients/request-parts.js';
import { answerV2Request, v2RouteOfPath, type V2ClientSurface, type V2HttpAnswer, type V2HttpRequest, type V2Route } from './v2-http.js';

/** Base of result URLs for a `client` passed in without one (it serves them itself). */
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
  /** The fetch other requests go to. Default: globalThis.fetch at call time. */
  fetch?: typeof globalThis.fetch;
  /** The fetch the novita backend calls V3 with. */
  backendFetch?: typeof globalThis.fetch;
  /** Answer with this client (its own store) instead of the process runtime. */
  client?: V2ClientSurface;
  /** With `client`: the base of the result URLs it hands out (default DEFAULT_SHIM_RESULT_BASE_URL). */
  resultBaseUrl?: string;
}

export type ShimFetch = typeof globalThis.fetch & {
  /** Stops a client it created; tasks in the process store stay. */
  close(): Promise<void>;
};

type Answerer = (route: V2Route, req: V2HttpRequest) => Promise<V2HttpAnswer>;
type RouteOf = (url: URL) => V2Route | undefined;

/** The one fetch wrapper all the entry points are made of. */
function shimFetchOver(fallback: () => typeof globalThis.fetch, routeOf: RouteOf, answer: Answerer): typeof globalThis.fetch {
  const shim = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const url = urlOf(input as FetchInput);
    const route = url && routeOf(url);
    if (!url || !route) return fallback()(input, init);
    init?.signal?.throwIfAborted();
    if (input instanceof Request) input.signal.throwIfAborted();
    const req = await fetchCallToV2Request(input as FetchInput, init as Parameters<typeof fetchCallToV2Request>[1], url);
    return toWhatwgResponse(await answer(route, req), req.method, url);
  };
  return markShimFetch(shim, fallback);
}

/**
 * `fetch` with the V2 upscale API answered by the process runtime:
 * `fetch(url, init)` becomes `upscaleV2(url, init)`, nothing else changes.
 * Also the `fetch` option of ky. Configured by configureV2Shim or the environment.
 */
export const upscaleV2: typeof globalThis.fetch = shimFetchOver(() => globalThis.fetch, runtimeRouteOf, answerOnRuntime);

const wrapped = new WeakMap<object, typeof globalThis.fetch>();

/** `fetchImpl` with the V2 routes answered by the process runtime (one wrapper per fetchImpl). */
export function withV2Shim<F extends (...args: never[]) => Promise<unknown>>(fetchImpl: F): F {
  let shim = wrapped.get(fetchImpl);
  if (!shim) {
    shim = shimFetchOver(() => fetchImpl as unknown as typeof globalThis.fetch, runtimeRouteOf, answerOnRuntime);
    wrapped.set(fetchImpl, shim);
  }
  return shim as unknown as F;
}

export function createShimFetch(options: ShimFetchOptions = {}): ShimFetch {
  const fallback = () => options.fetch ?? globalThis.fetch;
  let ownClient: Promise<V2ClientSurface> | undefined;
  const configured = options.apiKey !== undefined || options.baseUrl !== undefined || options.backend !== undefined || options.onWarn !== undefined || options.backendFetch !== undefined;
  let answer: Answerer = answerOnRuntime;
  let routeOf: RouteOf = runtimeRouteOf;
  if (options.client) {
    const client = options.client;
    const resultBase = new URL(options.resultBaseUrl ?? DEFAULT_SHIM_RESULT_BASE_URL);
    const resultPrefix = resultBase.pathname.replace(/\/+$/, '');
    answer = (route, req) => answerV2Request(client, route, req);
    routeOf = (url) => {
      if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
      const route = v2RouteOfPath(url.pathname, resultPrefix);
      if (route === 'result') return url.host === resultBase.host ? route : undefined;
      return route && isNovitaHost(url.hostname) ? route : runtimeRouteOf(url);
    };
  } else if (configured) {
    // Own settings, shared store: its ids poll through every other entry point.
    answer = async (route, req) => {
      ownClient ??= import('./v2-client.js').then((m) =>
        m.createV2Client({ apiKey: options.apiKey, baseUrl: options.baseUrl, backend: options.backend, onWarn: options.onWarn, fetch: options.backendFetch }),
      );
      if (route === 'result') return answerOnRuntime(route, req);
      return answerV2Request(await ownClient, route, req);
    };
  }
  return Object.assign(shimFetchOver(fallback, routeOf, answer), {
    async close(): Promise<void> {
      if (ownClient) await (await ownClient).close();
      ownClient = undefined;
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

/** The shim options the environment sets (NOVITA_API_KEY, NOVITA_MIGRATE_BACKEND). */
export function optionsFromEnv(env: NodeJS.ProcessEnv): ShimFetchOptions {
  const { apiKey, backend } = configFromEnv(env);
  const options: ShimFetchOptions = {};
  if (apiKey) options.apiKey = apiKey;
  if (backend) options.backend = backend;
  return options;
}
