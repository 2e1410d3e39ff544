/** Is this (partly known) URL a Novita V2 endpoint? */
import { isNovitaHost, V3_REPLACEMENT_PATH, v2EndpointOfPath, type V2Endpoint } from '../spec/endpoints.js';
import { UNKNOWN_PART } from './static-value.js';

export interface V2UrlMatch {
  endpoint: V2Endpoint;
  /** Set when the URL is absolute with a known Novita host. */
  host?: string;
}

const SCHEME = /^(?:https?:)?\/\//i;

/**
 * A URL counts when it is absolute on a Novita host, or relative (or with an
 * unknown base) and its path ends in a V2 endpoint. Other hosts never count;
 * strings with spaces are prose (log lines), not URLs.
 */
export function matchV2Url(text: string): V2UrlMatch | undefined {
  if (/\s/.test(text)) return undefined;
  const known = text.replaceAll(UNKNOWN_PART, '');
  if (!known.includes('/v2/')) return undefined;
  let rest = text;
  let host: string | undefined;
  if (SCHEME.test(text)) {
    rest = text.replace(SCHEME, '');
    const slash = rest.indexOf('/');
    const hostPart = (slash < 0 ? rest : rest.slice(0, slash)).replace(/:\d+$/, '');
    rest = slash < 0 ? '' : rest.slice(slash);
    if (!hostPart.includes(UNKNOWN_PART)) {
      if (!isNovitaHost(hostPart)) return undefined;
      host = hostPart.toLowerCase();
    }
  } else if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    return undefined; // mailto:, data:, …
  } else if (text.startsWith(UNKNOWN_PART)) {
    // `${BASE}/v2/upscale` with an unknown base: relative to an unknown base counts.
    rest = text.slice(text.indexOf('/') < 0 ? text.length : text.indexOf('/'));
    if (rest.slice(0, rest.indexOf('/v2/') + 1).includes(UNKNOWN_PART)) return undefined;
  } else if (!text.startsWith('/') && !text.startsWith('v2/')) {
    // A bare host without scheme: `api.novita.ai/v2/upscale`.
    const slash = text.indexOf('/');
    const hostPart = slash < 0 ? text : text.slice(0, slash);
    if (!isNovitaHost(hostPart.replace(/:\d+$/, ''))) return undefined;
    host = hostPart.toLowerCase();
    rest = text.slice(slash);
  }
  // Unknown parts after the path (a query built at run time) are fine; inside the path they are not.
  const path = rest.split(/[?#]/, 1)[0]!;
  const cleanPath = path.split(UNKNOWN_PART).join('');
  if (path.includes(UNKNOWN_PART) && !path.endsWith(UNKNOWN_PART)) return undefined;
  const endpoint = v2EndpointOfPath(path.endsWith(UNKNOWN_PART) ? cleanPath : path);
  if (!endpoint) return undefined;
  // Only `/v2/upscale` at the API root.
  const prefix = cleanPath.replace(/\/+$/, '').slice(0, -`/v2/${endpoint}`.length);
  if (host && prefix !== '') return undefined;
  // Under an unknown base only the exact V2 paths count: `/mj/v2/upscale`, `/api/v2/progress` are someone else's.
  if (!host && prefix !== '') return undefined;
  return { endpoint, host };
}

/**
 * `https://api.novita.ai/v3/async/upscale` -> 'upscale', `…/v3/async/task-result?task_id=…` -> 'progress':
 * the V2 endpoint whose job the V3 one took over. Absolute Novita URLs only: a
 * V3 path under a base lint cannot see proves nothing about whose API it is.
 */
export function matchV3ReplacementUrl(text: string): V2Endpoint | undefined {
  const m = /^(?:https?:)?\/\/([^/?#]+)(\/[^?#]*)/i.exec(text);
  if (!m || m[1]!.includes(UNKNOWN_PART) || !isNovitaHost(m[1]!.replace(/:\d+$/, ''))) return undefined;
  const path = m[2]!.replace(/\/+$/, '');
  for (const endpoint of ['upscale', 'progress'] as const) if (path === V3_REPLACEMENT_PATH[endpoint]) return endpoint;
  return undefined;
}
