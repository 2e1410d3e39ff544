#!/usr/bin/env node
/**
 * The `novita-migrate` command line: lint (default), fix, shim serve, rules.
 * Exit codes follow ESLint: 0 clean, 1 findings, 2 usage or internal error.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT, UsageError } from '../lint/errors.js';
import { packageVersion } from '../package-version.js';
import { lintCommand } from './commands/lint.js';
import { fixCommand } from './commands/fix.js';
import { shimCommand } from './commands/shim.js';
import { rulesCommand } from './commands/rules.js';
import { usageMessage } from './usage-message.js';

function reportFailure(err: unknown, debug: boolean): void {
  const message = err instanceof Error ? err.message : String(err);
  const prefix = err instanceof UsageError ? '' : 'internal error: ';
  process.stderr.write(`novita-migrate: ${prefix}${message.split('\n')[0]}\n`);
  if (debug && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
}

export async function main(argv: string[]): Promise<number> {
  const debug = argv.includes('--debug');
  let exitCode: number = EXIT.ok;
  try {
    await yargs(argv)
      .scriptName('novita-migrate')
      .usage('$0 [lint] [paths..]   find Novita Upscale V2 calls\n$0 fix [paths..]      rewrite them to V3\n$0 shim serve         run a local V2-compatible server\n$0 rules              list the rules')
      .command(lintCommand((code) => (exitCode = code)))
      .command(fixCommand((code) => (exitCode = code)))
      .command(shimCommand((code) => (exitCode = code)))
      .command(rulesCommand((code) => (exitCode = code)))
      .option('debug', { type: 'boolean', default: false, describe: 'Print stack traces and skipped-file notes' })
      .version(packageVersion())
      .wrap(120)
      .help()
      .alias('h', 'help')
      .strict()
      .fail((msg, err) => {
        throw err ?? new UsageError(usageMessage(msg));
      })
      .parseAsync();
  } catch (err) {
    reportFailure(err, debug);
    return EXIT.usage;
  }
  return exitCode;
}

main(hideBin(process.argv)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    reportFailure(err, process.argv.includes('--debug'));
    process.exitCode = EXIT.usage;
  },
);
