/**
 * The runtime's loopback HTTP server, started on first need on
 * 127.0.0.1:<free port> and unref'd (it never keeps the process alive). It
 * serves result images to any client (plain fetch, axios, got, a browser on
 * the same machine) and answers V2 routes for transports that must make a
 * real HTTP request (got, superagent) under an unguessable path prefix, so
 * no web page can reach them.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { V2_CODES } from '../../spec/codes.js';
import { headerOf, readBodyCapped, sendAnswer } from '../node-http-io.js';
import { v2Json, v2RouteOfPath } from '../v2-http.js';
import { shimRuntime, type LoopbackServer } from './process-runtime.js';
import { RESULT_PATH } from './routes.js';
import { answerOnRuntime } from './runtime-client.js';

export function loopbackServer(): Promise<LoopbackServer> {
  const state = shimRuntime();
  state.loopback ??= start().then((server) => {
    state.loopbackOrigin = server.origin;
    return server;
  });
  return state.loopback;
}

async function start(): Promise<LoopbackServer> {
  const secret = `/${randomBytes(18).toString('base64url')}`;
  const server = createServer((req, res) => void serve(req, res, secret));
  server.keepAliveTimeout = 1000;
  // Connections from the app's own clients must not hold the process open either.
  server.on('connection', (socket) => socket.unref());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  server.unref();
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    v2Base: `${origin}${secret}`,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, secret: string): Promise<void> {
  try {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const underSecret = url.pathname.startsWith(`${secret}/`);
    const path = underSecret ? url.pathname.slice(secret.length) : url.pathname;
    const route = v2RouteOfPath(path, RESULT_PATH);
    const body = await readBodyCapped(req);
    if (body === 'too-large') return;
    if (!route || (route !== 'result' && !underSecret) || (route === 'result' && underSecret)) {
      return sendAnswer(res, v2Json(404, { code: V2_CODES.NotSupport, msg: 'not found' }));
    }
    const answer = await answerOnRuntime(route, {
      method: req.method ?? 'GET',
      url: new URL(`${path}${url.search}`, 'http://127.0.0.1'),
      header: headerOf(req),
      body: body.length ? body : undefined,
    });
    sendAnswer(res, answer, req.method === 'HEAD');
  } catch (err) {
    sendAnswer(res, v2Json(500, { code: V2_CODES.InternalError, msg: err instanceof Error ? err.message : String(err) }));
  }
}
