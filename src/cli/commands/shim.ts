/**
 * `novita-migrate shim serve`: run the V2-compatible server until SIGINT/SIGTERM.
 */
import { UsageError } from '../../lint/errors.js';
import type { CommandFactory } from './command-type.js';
import { openShimStore, withStoreOptions, type ShimStoreArgs } from './shim-store.js';

interface ShimServeArgs extends ShimStoreArgs {
  'public-url'?: string;
  action: string;
  host: string;
  port: number;
  backend: 'novita' | 'local';
  upstream?: string;
  'v2-upstream'?: string;
  'api-key'?: string;
  'api-key-file'?: string;
  'cors-origin'?: string[];
  'allow-remote': boolean;
  'max-body-mb': number;
}

/** The server-side key: --api-key-file, else $NOVITA_API_KEY; --api-key still works but says why it should not. */
async function serverKey(args: ShimServeArgs): Promise<string | undefined> {
  if (args['api-key-file']) {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(args['api-key-file'], 'utf8');
    } catch (err) {
      throw new UsageError(`--api-key-file ${args['api-key-file']}: ${(err as NodeJS.ErrnoException).code ?? 'cannot be read'}`);
    }
    const key = text.trim();
    if (!key) throw new UsageError(`--api-key-file ${args['api-key-file']} is empty`);
    return key;
  }
  if (args['api-key']) {
    process.stderr.write('novita-migrate shim: --api-key is deprecated: the key is visible to every user in `ps`; use NOVITA_API_KEY or --api-key-file\n');
    return args['api-key'];
  }
  return process.env.NOVITA_API_KEY || undefined;
}

export const shimCommand: CommandFactory = (setExitCode) => ({
  command: 'shim <action>',
  describe: 'Run the V2 upscale API locally on top of V3 (action: serve)',
  builder: (y) =>
    withStoreOptions(y)
      .positional('action', { type: 'string', describe: 'serve: start the V2-compatible HTTP server' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind (non-loopback needs --allow-remote when a server-side key is set)' })
      .option('port', { type: 'number', default: 8787, describe: 'Port to listen on (0 picks a free one)' })
      .option('backend', { choices: ['novita', 'local'] as const, default: 'novita' as const, describe: 'novita: real V3; local: offline approximations' })
      .option('upstream', { type: 'string', describe: 'V3 base URL (default https://api.novita.ai)' })
      .option('v2-upstream', { type: 'string', describe: 'Where progress for task ids this server did not issue goes (default $NOVITA_MIGRATE_V2_BASE_URL or https://api.novita.ai)' })
      .option('api-key-file', { type: 'string', describe: 'File holding the server-side key used when a caller sends no Authorization (default: $NOVITA_API_KEY)' })
      .option('api-key', { type: 'string', hidden: true, describe: 'Deprecated: visible in ps; use $NOVITA_API_KEY or --api-key-file' })
      .option('cors-origin', { type: 'string', array: true, describe: 'Allow browser pages from this origin (repeatable; CORS is off by default)' })
      .option('allow-remote', { type: 'boolean', default: false, describe: 'Allow a non-loopback --host while a server-side key is set' })
      .option('public-url', { type: 'string', describe: 'Base of result URLs, e.g. the load balancer in front of the replicas (default: this server)' })
      .option('max-body-mb', { type: 'number', default: 50, describe: 'Largest request body accepted (HTTP 413 + code 6 above it)' }),
  handler: async (argv) => {
    const args = argv as unknown as ShimServeArgs;
    if (args.action !== 'serve') throw new UsageError(`unknown shim action ${JSON.stringify(args.action)} (expected: serve)`);
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UsageError('--port must be an integer in 0..65535');
    if (!(args['max-body-mb'] > 0)) throw new UsageError('--max-body-mb must be a positive number');
    if (args.upstream !== undefined && !/^https?:\/\/[^\s/]+/.test(args.upstream)) throw new UsageError('--upstream must be an http(s) URL');
    if (args['v2-upstream'] !== undefined && !/^https?:\/\/[^\s/]+/.test(args['v2-upstream'])) throw new UsageError('--v2-upstream must be an http(s) URL');
    const corsOrigins = (args['cors-origin'] ?? []).map((o) => o.replace(/\/+$/, ''));
    for (const o of corsOrigins) if (!/^https?:\/\/[^\s/]+$/.test(o)) throw new UsageError(`--cors-origin must be an origin like https://app.example.com, not ${JSON.stringify(o)}`);
    if (args['public-url'] !== undefined && !/^https?:\/\/[^\s/]+/.test(args['public-url'])) throw new UsageError('--public-url must be an http(s) URL');
    const apiKey = await serverKey(args);
    const log = (line: string): void => void process.stderr.write(`novita-migrate shim: ${line}\n`);
    const shared = await openShimStore(args, log);

    const { startShimServer, ShimServerConfigError } = await import('../../shim/server.js');
    let server: Awaited<ReturnType<typeof startShimServer>>;
    try {
      server = await startShimServer({
        host: args.host,
        port: args.port,
        backend: args.backend,
        upstream: args.upstream,
        v2Upstream: args['v2-upstream'],
        apiKey,
        corsOrigins,
        accessLog: (line) => process.stderr.write(`novita-migrate shim: ${line}\n`),
        allowRemote: args['allow-remote'],
        maxBodyMb: args['max-body-mb'],
        publicUrl: args['public-url'],
        store: shared.store,
        queue: shared.queue,
        health: shared.health,
        // Approximations are reported to the caller in `warn`; the log names the feature only.
        onWarn: (feature) => process.stderr.write(`novita-migrate shim: approximation: ${feature}\n`),
      });
    } catch (err) {
      await shared.close();
      if (err instanceof ShimServerConfigError) throw new UsageError(err.message);
      throw err;
    }
    process.stdout.write(`novita-migrate shim listening on ${server.url} (${shared.description})\n`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    process.stderr.write(`novita-migrate shim: ${signal}, stopping\n`);
    await server.close();
    await shared.close();
    setExitCode(0);
    // Tasks handed back after --drain-ms still hold timers and sockets here; another replica runs them now.
    if (shared.queue) process.exit(0);
  },
});
