/**
 * `novita-migrate shim serve`: a node:http server that speaks V2
 * (`POST /v2/upscale`, `GET /v2/progress`, and the result images it links
 * to), so any V2 client works unchanged by pointing its base URL here.
 *
 * Security: binds 127.0.0.1 by default; with a server-side key it refuses a
 * non-loopback host unless `allowRemote`; bodies are capped; slow clients
 * time out; keys are never logged.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { V2_CODES } from '../spec/codes.js';
import { answerV2Request, v2Json, v2RouteOfPath, type V2ClientSurface, type V2HttpAnswer } from './v2-http.js';
import { loadV2Client } from './load-v2-client.js';
import { headerOf, readBodyCapped, sendAnswer } from './node-http-io.js';
import { corsHeaders, guardRequest } from './server-guards.js';
import type { ShimClientOptions } from './fetch-shim.js';
import type { TaskStore } from './runtime/task-store.js';
import type { StoreHealth, TaskQueue } from './runtime/task-queue.js';

export const SHIM_SERVER_DEFAULTS = {
  host: '127.0.0.1',
  port: 8787,
  maxBodyMb: 50,
  /** Time a client has to send its headers. */
  headersTimeoutMs: 20_000,
  /** Time a client has to send its whole request (a 50 MB body on a slow link). */
  requestTimeoutMs: 120_000,
} as const;

/** Result images are served under this path of the server's own address. */
export const SHIM_SERVER_RESULT_PATH = '/results';

export interface ShimServerOptions extends ShimClientOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** V3 base URL for the novita backend (default https://api.novita.ai). */
  upstream?: string;
  /** Where progress requests for ids this server did not issue go (default: NOVITA_MIGRATE_V2_BASE_URL or https://api.novita.ai). */
  v2Upstream?: string;
  /** Allow a non-loopback host while a server-side key is configured. */
  allowRemote?: boolean;
  maxBodyMb?: number;
  headersTimeoutMs?: number;
  requestTimeoutMs?: number;
  /** The address put in result URLs (default: the listening address). */
  publicUrl?: string;
  /** The fetch the novita backend uses. */
  fetch?: typeof globalThis.fetch;
  /** Origins whose pages may call the server (CORS is off without). */
  corsOrigins?: readonly string[];
  /** One line per request (method, path, status, ms); never a key or a query string. */
  accessLog?: (line: string) => void;
  /** A shared task store and queue (`--store redis://…`); default: the in-process store. */
  store?: TaskStore;
  queue?: TaskQueue;
  /** Reported by /healthz (503 when not ok). */
  health?: () => Promise<StoreHealth>;
  /** Answer with this client instead of creating one (tests). Receives the result base URL. */
  client?: V2ClientSurface | ((resultBaseUrl: string) => V2ClientSurface);
}

export interface ShimServer {
  /** Where the server listens, e.g. http://127.0.0.1:8787 */
  url: string;
  close(): Promise<void>;
}

/** A refusal to start that the user can fix (bad flag combination, port in use). */
export class ShimServerConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ShimServerConfigError';
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h) || h === '::ffff:127.0.0.1';
}

export async function startShimServer(options: ShimServerOptions = {}): Promise<ShimServer> {
  const host = options.host ?? SHIM_SERVER_DEFAULTS.host;
  const port = options.port ?? SHIM_SERVER_DEFAULTS.port;
  const maxBodyBytes = Math.floor((options.maxBodyMb ?? SHIM_SERVER_DEFAULTS.maxBodyMb) * 1024 * 1024);
  if (!(maxBodyBytes > 0)) throw new ShimServerConfigError('--max-body-mb must be a positive number');
  if (options.apiKey && !isLoopbackHost(host) && !options.allowRemote) {
    throw new ShimServerConfigError(
      `refusing to listen on ${host} with a server-side API key: anyone who can reach it would spend your balance (pass --allow-remote to do it anyway)`,
    );
  }

  let client: V2ClientSurface | undefined;
  const headersTimeout = options.headersTimeoutMs ?? SHIM_SERVER_DEFAULTS.headersTimeoutMs;
  const requestTimeout = options.requestTimeoutMs ?? SHIM_SERVER_DEFAULTS.requestTimeoutMs;
  // Node checks the two timeouts on this interval (30 s by default, longer than the timeouts themselves).
  const connectionsCheckingInterval = Math.max(50, Math.min(1000, Math.floor(headersTimeout / 2)));
  const server = createServer({ headersTimeout, requestTimeout, connectionsCheckingInterval }, (req, res) => {
    void serve(req, res);
  });
  server.keepAliveTimeout = 5_000;

  const corsOrigins = options.corsOrigins ?? [];

  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    const url = new URL(req.url ?? '/', 'http://shim.local');
    res.on('finish', () => options.accessLog?.(`${req.method ?? '?'} ${url.pathname} ${res.statusCode} ${Math.round(performance.now() - started)}ms`));
    try {
      const route = v2RouteOfPath(url.pathname, SHIM_SERVER_RESULT_PATH);
      const header = headerOf(req);
      const refused = guardRequest(req.method ?? 'GET', header('origin'), header('content-type'), route === 'upscale', corsOrigins);
      if (refused) {
        req.resume();
        return sendAnswer(res, refused);
      }
      const cors = corsHeaders(header('origin'), corsOrigins);
      if (url.pathname === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
        req.resume();
        const health = options.health ? await options.health() : undefined;
        const body = Buffer.from(JSON.stringify({ status: !health || health.ok ? 'ok' : 'degraded', ...health?.details }));
        return sendAnswer(res, withHeaders({ status: !health || health.ok ? 200 : 503, headers: { 'content-type': 'application/json; charset=utf-8' }, body }, cors), req.method === 'HEAD');
      }
      if (!route || !client) {
        req.resume();
        return sendAnswer(res, v2Json(404, { code: V2_CODES.NotSupport, msg: `no such endpoint: ${req.method} ${url.pathname}` }));
      }
      const declared = Number(req.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) return refuseTooLarge(req, res);
      const body = await readBodyCapped(req, maxBodyBytes);
      if (body === 'too-large') return refuseTooLarge(req, res);
      const answer = await answerV2Request(client, route, {
        method: req.method ?? 'GET',
        url,
        header,
        body: body.length ? body : undefined,
      });
      sendAnswer(res, withHeaders(answer, cors), req.method === 'HEAD');
    } catch (err) {
      // A client that went away mid-body, or a bug: answer if we still can, keep serving.
      if (!res.headersSent && !res.destroyed) {
        sendAnswer(res, v2Json(500, { code: V2_CODES.InternalError, msg: err instanceof Error ? err.message : String(err) }));
      }
    }
  }

  function refuseTooLarge(req: IncomingMessage, res: ServerResponse): void {
    const mb = options.maxBodyMb ?? SHIM_SERVER_DEFAULTS.maxBodyMb;
    const answer = v2Json(413, { code: V2_CODES.ParamRangeOutOfLimit, msg: `request body is over the ${mb} MB limit` });
    answer.headers.connection = 'close';
    sendAnswer(res, answer);
    // Stop reading the rest of an oversized upload.
    res.on('finish', () => req.destroy());
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') reject(new ShimServerConfigError(`port ${port} on ${host} is already in use (pick another with --port)`));
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') reject(new ShimServerConfigError(`cannot listen on host ${host}`));
      else reject(err);
    });
    server.listen(port, host, () => resolve());
  });

  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;
  const publicBase = (options.publicUrl ?? (isUnspecified(address.address) ? `http://127.0.0.1:${address.port}` : url)).replace(/\/+$/, '');
  const resultBaseUrl = `${publicBase}${SHIM_SERVER_RESULT_PATH}`;
  try {
    client = await makeClient(options, resultBaseUrl);
  } catch (err) {
    server.close();
    throw err;
  }

  let closing: Promise<void> | undefined;
  return {
    url,
    close() {
      closing ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        // Requests still running get a moment, then their sockets go.
        const force = setTimeout(() => server.closeAllConnections(), 2_000);
        await stopped;
        clearTimeout(force);
        if (typeof options.client !== 'object') await client?.close();
      })();
      return closing;
    },
  };
}

async function makeClient(options: ShimServerOptions, resultBaseUrl: string): Promise<V2ClientSurface> {
  if (typeof options.client === 'function') return options.client(resultBaseUrl);
  if (options.client) return options.client;
  return loadV2Client({
    apiKey: options.apiKey,
    baseUrl: options.upstream,
    v2BaseUrl: options.v2Upstream,
    backend: options.backend ?? 'novita',
    fetch: options.fetch,
    onWarn: options.onWarn,
    resultBaseUrl,
    store: options.store,
    queue: options.queue,
  });
}

function withHeaders(answer: V2HttpAnswer, extra: Record<string, string> | undefined): V2HttpAnswer {
  return extra ? { ...answer, headers: { ...answer.headers, ...extra } } : answer;
}

function isUnspecified(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}
