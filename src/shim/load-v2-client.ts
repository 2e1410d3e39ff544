/**
 * Loads createV2Client on first use, so importing the fetch shim or the
 * server costs nothing until a V2 call happens (sharp and the pipeline load then).
 */
import type { V2ClientOptions } from './v2-client.js';
import type { V2ClientSurface } from './v2-http.js';

export type V2ClientFactoryOptions = V2ClientOptions;

export async function loadV2Client(options: V2ClientFactoryOptions): Promise<V2ClientSurface> {
  const { createV2Client } = await import('./v2-client.js');
  return createV2Client(options);
}
