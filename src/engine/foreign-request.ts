/**
 * A request to `/v2/upscale` or `/v2/progress` under a base we cannot see is
 * Novita's only if what it sends could be Novita's. Other services use the
 * same paths (`${this.baseURL}/v2/upscale` with `{ imageUrl, quality }`), so
 * a request whose body or query is fully known and shares no field with V2's
 * is someone else's. A Novita host or the SDK is never second-guessed: there
 * a foreign body is a broken V2 call, and lint must say so.
 */
import { V2_UPSCALE_FIELD_NAMES } from '../spec/v2-upscale-fields.js';
import type { V2Endpoint } from '../spec/endpoints.js';
import type { RequestBody } from './types.js';
import { UNKNOWN_PART } from './static-value.js';

export function isForeignRequest(endpoint: V2Endpoint, url: string, body: RequestBody | undefined): boolean {
  if (endpoint === 'upscale') {
    if (!body?.object || body.hasUnknownKeys || body.properties.length === 0) return false;
    return !body.properties.some((p) => V2_UPSCALE_FIELD_NAMES.includes(p.name));
  }
  const query = url.split('#', 1)[0]!.split('?')[1];
  if (query === undefined) return false;
  const keys = query.split('&').map((pair) => pair.split('=', 1)[0]!).filter(Boolean);
  // A key built at run time (`?${name}=…`) could be `task_id`.
  if (keys.length === 0 || keys.some((k) => k.includes(UNKNOWN_PART))) return false;
  return !keys.includes('task_id');
}
