/**
 * The process runtime's V2 client and the one function every transport
 * answers V2 routes with. The client (and sharp, and the pipeline) loads on
 * the first V2 call, not at import.
 */
import { answerV2Request, type V2HttpAnswer, type V2HttpRequest, type V2Route } from '../v2-http.js';
import type { V2Client } from '../v2-client.js';
import { shimRuntime } from './process-runtime.js';

export function runtimeClient(): Promise<V2Client> {
  const state = shimRuntime();
  state.client ??= import('../v2-client.js').then((m) => m.createV2Client());
  return state.client as Promise<V2Client>;
}

export async function answerOnRuntime(route: V2Route, req: V2HttpRequest): Promise<V2HttpAnswer> {
  // Yield to the event loop like a network round trip would: a client that
  // polls in a tight loop must not starve the task it waits for.
  await new Promise((resolve) => setImmediate(resolve));
  return answerV2Request(await runtimeClient(), route, req);
}
