/**
 * The runtime's configuration: set in code with configureV2Shim, otherwise
 * read from the environment at first use (so a deploy configures it without
 * touching the fixed code).
 */
import { DEFAULT_NOVITA_BASE_URL } from '../../spec/endpoints.js';

export type BackendName = 'novita' | 'local';

export interface V2ShimConfig {
  /** Key for V3 when the caller sends none (NOVITA_API_KEY). */
  apiKey?: string;
  /** Where the neural steps go (NOVITA_MIGRATE_V3_BASE_URL, default https://api.novita.ai). */
  v3BaseUrl?: string;
  /** Where V2 pass-through goes, and a host whose /v2 routes the runtime answers (NOVITA_MIGRATE_V2_BASE_URL). */
  v2BaseUrl?: string;
  /** `local`: offline approximations; `novita`: V3. Default: novita with a key, local without one (and it says so). */
  backend?: BackendName;
}

/** The configuration with its defaults filled in. */
export interface ResolvedV2ShimConfig {
  apiKey?: string;
  v3BaseUrl: string;
  v2BaseUrl: string;
  backend?: BackendName;
}

export function configFromEnv(env: NodeJS.ProcessEnv): V2ShimConfig {
  const config: V2ShimConfig = {};
  if (env.NOVITA_API_KEY) config.apiKey = env.NOVITA_API_KEY;
  if (env.NOVITA_MIGRATE_V3_BASE_URL) config.v3BaseUrl = checkedBaseUrl(env.NOVITA_MIGRATE_V3_BASE_URL, 'NOVITA_MIGRATE_V3_BASE_URL');
  if (env.NOVITA_MIGRATE_V2_BASE_URL) config.v2BaseUrl = checkedBaseUrl(env.NOVITA_MIGRATE_V2_BASE_URL, 'NOVITA_MIGRATE_V2_BASE_URL');
  const backend = env.NOVITA_MIGRATE_BACKEND?.trim().toLowerCase();
  if (backend === 'novita' || backend === 'local') config.backend = backend;
  else if (backend) throw new Error(`NOVITA_MIGRATE_BACKEND must be novita or local, not ${JSON.stringify(env.NOVITA_MIGRATE_BACKEND)}`);
  return config;
}

/** Code wins over the environment, field by field. */
export function resolveConfig(fromCode: V2ShimConfig, env: NodeJS.ProcessEnv): ResolvedV2ShimConfig {
  const fromEnv = configFromEnv(env);
  const pick = <K extends keyof V2ShimConfig>(k: K): V2ShimConfig[K] => (fromCode[k] !== undefined ? fromCode[k] : fromEnv[k]);
  return {
    apiKey: pick('apiKey') || undefined,
    v3BaseUrl: trimSlash(checkedBaseUrl(pick('v3BaseUrl') ?? DEFAULT_NOVITA_BASE_URL, 'v3BaseUrl')),
    v2BaseUrl: trimSlash(checkedBaseUrl(pick('v2BaseUrl') ?? DEFAULT_NOVITA_BASE_URL, 'v2BaseUrl')),
    backend: pick('backend'),
  };
}

function checkedBaseUrl(value: string, name: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`${name} must be an http(s) URL, not ${JSON.stringify(value)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error(`${name} must be an http(s) URL, not ${JSON.stringify(value)}`);
  return value;
}

const trimSlash = (s: string): string => s.replace(/\/+$/, '');
