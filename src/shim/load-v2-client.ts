/**
 * Loads createV2Client on first use, so importing the fetch shim or the
 * server costs nothing until a V2 call happens (sharp and the pipeline load then).
 */
import type { UpscaleBackend } from './backend.js';
import type { V2ClientSurface } from './v2-http.js';

export interface V2ClientFactoryOptions {
  apiKey?: string;
  baseUrl?: string;
  backend?: 'novita' | 'local' | UpscaleBackend;
  fetch?: typeof globalThis.fetch;
  onWarn?: (feature: string, message: string) => void;
  resultBaseUrl?: string;
}

export async function loadV2Client(options: V2ClientFactoryOptions): Promise<V2ClientSurface> {
  const { createV2Client } = await import('./v2-client.js');
  return createV2Client(options);
}
