import { resolve } from 'node:path';
import { FORMATTERS, MACHINE_FORMATS } from '../../report/formatters.js';
import type { RuleLevel } from '../../report/types.js';
import { RULE_METAS } from '../../rules/index.js';
import { loadConfig, parseRuleLevel } from '../config.js';
import { EXIT, UsageError } from '../errors.js';
import { runLint } from '../lint-run.js';
import { createProgress } from '../progress.js';
import { packageVersion } from '../version.js';
import { writeReport } from '../write-output.js';
import type { CommandFactory } from './command-type.js';

/** A repeatable option: absent, once (a string) or several times (an array). */
export function asList(value: unknown): string[] {
  return value === undefined ? [] : ([] as unknown[]).concat(value).map(String);
}

export function parseRuleFlags(flags: readonly string[]): Record<string, RuleLevel> {
  const levels: Record<string, RuleLevel> = {};
  for (const flag of flags) {
    const i = flag.lastIndexOf(':');
    if (i <= 0) throw new UsageError(`--rule expects id:off|warn|error, got "${flag}"`);
    const id = flag.slice(0, i);
    levels[id] = parseRuleLevel(id, flag.slice(i + 1), '--rule');
  }
  return levels;
}

export const lintCommand: CommandFactory = (setExitCode) => ({
  command: '$0 [paths..]',
  aliases: ['lint'],
  describe: 'Find Novita Upscale V2 calls and deprecated parameters (default command)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, default: ['.'], describe: 'Files or directories to lint' })
      .option('format', { alias: 'f', type: 'string', choices: Object.keys(FORMATTERS), default: 'stylish', describe: 'Output format' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
      .option('max-warnings', { type: 'number', default: -1, describe: 'Exit 1 when there are more warnings than this (-1: no limit)' })
      .option('ignore-pattern', { type: 'string', describe: 'Extra ignore pattern, .gitignore syntax (repeatable)' })
      .option('rule', { type: 'string', describe: 'Set a rule level: id:off|warn|error (repeatable)' })
      .option('output-file', { alias: 'o', type: 'string', describe: 'Write the report to this file' })
      .option('concurrency', { type: 'number', describe: 'Worker threads for big trees (default: available cores; 1 = single-threaded)' })
      .option('progress', { type: 'boolean', default: true, describe: 'Progress bar on a TTY (--no-progress to hide)' })
      .option('color', { type: 'boolean', describe: 'Force colours on or off (default: on a TTY)' }),
  handler: async (argv) => {
    const cwd = process.cwd();
    const config = loadConfig(cwd);
    const format = String(argv.format);
    const ruleLevels = { ...config.rules, ...parseRuleFlags(asList(argv.rule)) };
    const maxWarnings = Number(argv['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings expects a whole number');
    const debug = Boolean(argv.debug);
    // The bar is on stderr; it stays out of the way of a machine format on stdout, not of one written to a file.
    const progress = createProgress(Boolean(argv.progress) && (Boolean(argv['output-file']) || !MACHINE_FORMATS.has(format)), 'Linting');
    const concurrency = argv.concurrency === undefined ? (await import('../../engine/lint-pool.js')).defaultConcurrency() : Number(argv.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a whole number of at least 1');
    let results = await runLint((argv.paths as string[]) ?? ['.'], {
      cwd,
      concurrency,
      parallel: argv.concurrency === undefined ? 'auto' : 'always',
      ignorePatterns: [...config.ignorePatterns, ...asList(argv['ignore-pattern'])],
      ruleLevels,
      onSkip: debug ? (p, why) => process.stderr.write(`novita-migrate: skipped ${p}: ${why}\n`) : undefined,
      onProgress: (d, t) => progress.update(d, t),
    });
    progress.stop();
    if (argv.quiet) {
      results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 }));
    }
    const color = argv.color ?? (Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !argv['output-file']);
    const text = FORMATTERS[format]!(results, { cwd: resolve(cwd), color: Boolean(color) || Boolean(process.env.FORCE_COLOR && process.env.FORCE_COLOR !== '0'), rules: RULE_METAS, version: packageVersion() });
    writeReport(text, argv['output-file'] as string | undefined);
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    setExitCode(errors > 0 || (maxWarnings >= 0 && warnings > maxWarnings) ? EXIT.findings : EXIT.ok);
  },
});
