/**
 * got@14's `request` option: `got.post(url, { json, request: gotV2Request })`.
 * got makes real HTTP requests, so a V2 route is redirected to the runtime's
 * loopback server (started on first use); anything else goes to node's
 * http/https `request` exactly as got would call it.
 */
import { request as httpRequest, type ClientRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { loopbackServer } from '../runtime/loopback-server.js';
import { runtimeRouteOf } from '../runtime/routes.js';
import { loopbackTarget } from './v2-path.js';

export type GotRequestFunction = (url: URL, options: RequestOptions, callback?: (response: IncomingMessage) => void) => ClientRequest | Promise<ClientRequest>;

export const gotV2Request: GotRequestFunction = (url, options, callback) => {
  const route = runtimeRouteOf(url);
  if (!route || route === 'result') return (url.protocol === 'https:' ? httpsRequest : httpRequest)(url, options, callback);
  return loopbackServer().then((loopback) => {
    // Only what HTTP needs: the agent, TLS and host options were chosen for the original URL.
    const plain: RequestOptions = { method: options.method, headers: options.headers, timeout: options.timeout, signal: options.signal };
    return httpRequest(loopbackTarget(loopback.v2Base, route, url), plain, callback);
  });
};
