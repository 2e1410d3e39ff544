/**
 * `novita-migrate shim serve`: run the V2-compatible server until SIGINT/SIGTERM.
 */
import { UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';

interface ShimServeArgs {
  action: string;
  host: string;
  port: number;
  backend: 'novita' | 'local';
  upstream?: string;
  'api-key'?: string;
  'allow-remote': boolean;
  'max-body-mb': number;
}

export const shimCommand: CommandFactory = (setExitCode) => ({
  command: 'shim <action>',
  describe: 'Run the V2 upscale API locally on top of V3 (action: serve)',
  builder: (y) =>
    y
      .positional('action', { type: 'string', describe: 'serve: start the V2-compatible HTTP server' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Address to bind (non-loopback needs --allow-remote when a server-side key is set)' })
      .option('port', { type: 'number', default: 8787, describe: 'Port to listen on (0 picks a free one)' })
      .option('backend', { choices: ['novita', 'local'] as const, default: 'novita' as const, describe: 'novita: real V3; local: offline approximations' })
      .option('upstream', { type: 'string', describe: 'V3 base URL (default https://api.novita.ai)' })
      .option('api-key', { type: 'string', describe: 'Server-side key used when a caller sends no Authorization (default $NOVITA_API_KEY)' })
      .option('allow-remote', { type: 'boolean', default: false, describe: 'Allow a non-loopback --host while a server-side key is set' })
      .option('max-body-mb', { type: 'number', default: 50, describe: 'Largest request body accepted (HTTP 413 + code 6 above it)' }),
  handler: async (argv) => {
    const args = argv as unknown as ShimServeArgs;
    if (args.action !== 'serve') throw new UsageError(`unknown shim action ${JSON.stringify(args.action)} (expected: serve)`);
    if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) throw new UsageError('--port must be an integer in 0..65535');
    if (!(args['max-body-mb'] > 0)) throw new UsageError('--max-body-mb must be a positive number');
    if (args.upstream !== undefined && !/^https?:\/\/[^\s/]+/.test(args.upstream)) throw new UsageError('--upstream must be an http(s) URL');

    const { startShimServer, ShimServerConfigError } = await import('../../shim/server.js');
    let server: Awaited<ReturnType<typeof startShimServer>>;
    try {
      server = await startShimServer({
        host: args.host,
        port: args.port,
        backend: args.backend,
        upstream: args.upstream,
        apiKey: args['api-key'] || process.env.NOVITA_API_KEY || undefined,
        allowRemote: args['allow-remote'],
        maxBodyMb: args['max-body-mb'],
        // Approximations are reported to the caller in `warn`; the log names the feature only.
        onWarn: (feature) => process.stderr.write(`novita-migrate shim: approximation: ${feature}\n`),
      });
    } catch (err) {
      if (err instanceof ShimServerConfigError) throw new UsageError(err.message);
      throw err;
    }
    process.stdout.write(`novita-migrate shim listening on ${server.url}\n`);
    const signal = await new Promise<NodeJS.Signals>((resolve) => {
      process.once('SIGINT', () => resolve('SIGINT'));
      process.once('SIGTERM', () => resolve('SIGTERM'));
    });
    process.stderr.write(`novita-migrate shim: ${signal}, stopping\n`);
    await server.close();
    setExitCode(0);
  },
});
