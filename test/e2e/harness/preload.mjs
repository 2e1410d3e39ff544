/**
 * `node --import <this file>`: TLS connections to the Novita hosts on port
 * 443 go to the fake on 127.0.0.1:$NOVITA_FAKE_PORT, with SNI and the
 * certificate check still naming the real host. Every client in Node opens
 * TLS through `tls.connect` (node:https for axios, got, node-fetch, superagent,
 * xhr2, novita-sdk; undici for global fetch, ky and undici.request), so one
 * patch covers them all. `dns.lookup` answers 127.0.0.1 for those hosts as a
 * backstop: a path this misses fails locally instead of reaching Novita.
 * Every other host is untouched.
 */
import dns from 'node:dns';
import tls from 'node:tls';
import { syncBuiltinESMExports } from 'node:module';

const fakePort = Number(process.env.NOVITA_FAKE_PORT);
if (!Number.isInteger(fakePort) || fakePort <= 0 || fakePort > 65535) {
  throw new Error(`novita e2e preload: NOVITA_FAKE_PORT must be a port number, got ${JSON.stringify(process.env.NOVITA_FAKE_PORT)}`);
}
const fakeHosts = new Set(
  (process.env.NOVITA_FAKE_HOSTS ?? 'api.novita.ai,api.omniinfer.io')
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter(Boolean),
);

function isFaked(host) {
  return typeof host === 'string' && fakeHosts.has(host.toLowerCase().replace(/\.$/, ''));
}

/** tls.connect(options[, cb]) or tls.connect(port[, host][, options][, cb]) as { options, callback }; undefined for a path. */
function connectOptions(args) {
  let i = 0;
  let options = {};
  if (typeof args[0] === 'number' || (typeof args[0] === 'string' && /^\d+$/.test(args[0]))) {
    options.port = Number(args[0]);
    i = 1;
    if (typeof args[1] === 'string') {
      options.host = args[1];
      i = 2;
    }
  } else if (typeof args[0] === 'string') {
    return undefined; // a path (IPC): never a Novita host
  }
  if (typeof args[i] === 'object' && args[i] !== null) {
    options = { ...args[i], ...options };
    i++;
  }
  return { options, callback: typeof args[i] === 'function' ? args[i] : undefined };
}

const originalConnect = tls.connect;
tls.connect = function connect(...args) {
  const parsed = connectOptions(args);
  if (parsed && !parsed.options.socket) {
    const { options, callback } = parsed;
    const host = options.host ?? 'localhost';
    // A client that resolved the name itself still sends the real host as SNI.
    const target = isFaked(host) ? host : isFaked(options.servername) ? options.servername : undefined;
    if (target && Number(options.port ?? 443) === 443) {
      const redirected = { ...options, host: '127.0.0.1', port: fakePort, servername: options.servername || target };
      return callback ? originalConnect(redirected, callback) : originalConnect(redirected);
    }
  }
  return Reflect.apply(originalConnect, tls, args);
};

const originalLookup = dns.lookup;
dns.lookup = function lookup(hostname, optionsOrCallback, maybeCallback) {
  if (!isFaked(hostname)) return Reflect.apply(originalLookup, dns, arguments);
  const callback = typeof optionsOrCallback === 'function' ? optionsOrCallback : maybeCallback;
  const all = typeof optionsOrCallback === 'object' && optionsOrCallback?.all === true;
  process.nextTick(() => (all ? callback(null, [{ address: '127.0.0.1', family: 4 }]) : callback(null, '127.0.0.1', 4)));
  return {};
};

const originalPromiseLookup = dns.promises.lookup;
dns.promises.lookup = async function lookup(hostname, options) {
  if (!isFaked(hostname)) return Reflect.apply(originalPromiseLookup, dns.promises, arguments);
  const all = typeof options === 'object' && options?.all === true;
  return all ? [{ address: '127.0.0.1', family: 4 }] : { address: '127.0.0.1', family: 4 };
};

// Named ESM imports (`import { connect } from 'node:tls'`) see the patches too.
syncBuiltinESMExports();
