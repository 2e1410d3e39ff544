/**
 * `--store redis://[user:password@]host[:port][/db]` (or `rediss://` for
 * TLS) as connection options, plus a form safe to print (no password).
 */
export interface RedisEndpoint {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL with its password replaced, for messages and /healthz. */
  shown: string;
}

export class RedisUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RedisUrlError';
  }
}

export function isRedisStoreUrl(value: string): boolean {
  return /^rediss?:\/\//i.test(value.trim());
}

export function parseRedisUrl(value: string): RedisEndpoint {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new RedisUrlError(`--store must be memory or a redis://host:port/db URL, not ${JSON.stringify(value)}`);
  }
  const tls = url.protocol === 'rediss:';
  if (url.protocol !== 'redis:' && !tls) throw new RedisUrlError(`--store must be memory or a redis:// URL, not ${url.protocol}//…`);
  const dbText = url.pathname.replace(/^\/+/, '') || '0';
  const db = Number(dbText);
  if (!Number.isInteger(db) || db < 0) throw new RedisUrlError(`--store: the Redis database must be a number (redis://host:port/0), not ${JSON.stringify(dbText)}`);
  const port = url.port ? Number(url.port) : 6379;
  const host = url.hostname.replace(/^\[|\]$/g, '') || '127.0.0.1';
  const password = url.password ? decodeURIComponent(url.password) : undefined;
  const username = url.username ? decodeURIComponent(url.username) : undefined;
  const auth = username || password ? `${username ?? ''}${password ? ':***' : ''}@` : '';
  return { host, port, db, username, password, tls, shown: `${url.protocol}//${auth}${url.host}/${db}` };
}
