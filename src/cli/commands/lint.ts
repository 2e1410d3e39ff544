import { resolve } from 'node:path';
import { MACHINE_FORMATS } from '../../report/formatters.js';
import type { LintResult } from '../../report/types.js';
import { RULE_METAS } from '../../rules/index.js';
import { useColor } from '../color.js';
import { resolveConfig } from '../config.js';
import { EXIT, UsageError } from '../errors.js';
import { checkNamedFiles, lintFiles, lintSource } from '../lint-run.js';
import { loadFormatter } from '../load-formatter.js';
import { asList, lastValue } from '../option-values.js';
import { filesByPattern, mergeFiles, unmatchedMessage } from '../patterns.js';
import { createProgress } from '../progress.js';
import { readStdin } from '../read-stdin.js';
import { ignoredResult, stdinIgnoreReason } from '../stdin-ignore.js';
import { parseRuleFlags } from '../rule-flag.js';
import { packageVersion } from '../version.js';
import { writeReport } from '../write-output.js';
import type { CommandFactory } from './command-type.js';

export { asList } from '../option-values.js';
export { parseRuleFlags } from '../rule-flag.js';

type UnusedSeverity = 'off' | 'warn' | 'error';
const UNUSED_SEVERITIES: Readonly<Record<string, UnusedSeverity>> = { off: 'off', warn: 'warn', error: 'error', '0': 'off', '1': 'warn', '2': 'error' };

/** `--report-unused-disable-directives` (error) or `--report-unused-disable-directives-severity LEVEL`, as in ESLint 9. */
function unusedDirectiveSeverity(flag: unknown, severity: unknown): UnusedSeverity {
  if (flag && severity !== undefined) {
    throw new UsageError('--report-unused-disable-directives and --report-unused-disable-directives-severity cannot be used together');
  }
  if (flag) return 'error';
  if (severity === undefined) return 'off';
  const level = UNUSED_SEVERITIES[String(severity)];
  if (!level) throw new UsageError(`--report-unused-disable-directives-severity: invalid value "${String(severity)}" (choose from off, warn, error, 0, 1, 2)`);
  return level;
}

/** ESLint habits that belong to another command here. */
function rejectEslintOnlyFlags(argv: Record<string, unknown>): void {
  if (argv.fix || argv['fix-dry-run']) {
    const flag = argv.fix ? '--fix' : '--fix-dry-run';
    throw new UsageError(`${flag} is not a lint option: rewrite the calls with "novita-migrate fix [paths..]" (add --dry to print the diff without writing)`);
  }
}

export const lintCommand: CommandFactory = (setExitCode) => ({
  command: '$0 [paths..]',
  aliases: ['lint'],
  describe: 'Find Novita Upscale V2 calls and deprecated parameters (default command)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'Files, directories or quoted globs ("src/**/*.ts") to lint (default: .)' })
      .option('format', { alias: 'f', type: 'string', default: 'stylish', coerce: lastValue, describe: 'Output format: stylish, json, sarif, github, or a formatter module (./formatter.js, eslint-formatter-NAME)' })
      .option('output-file', { alias: 'o', type: 'string', coerce: lastValue, describe: 'Write the report to this file (missing directories are created)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Report errors only' })
      .option('max-warnings', { type: 'number', default: -1, coerce: lastValue, describe: 'Exit 1 when there are more warnings than this (-1: no limit)' })
      .option('rule', { type: 'string', describe: 'Set rule levels, ESLint spellings: v2-param:off, "v2-param: 0", novita-migrate/v2-param:warn, \'{"v2-param": "off"}\' (repeatable)' })
      .option('ignore-pattern', { type: 'string', describe: 'Extra ignore pattern, .gitignore syntax (repeatable)' })
      .option('config', { alias: 'c', type: 'string', coerce: lastValue, describe: 'Use this config file (novita-migrate.config.json shape, or a package.json) instead of looking one up' })
      .option('config-lookup', { type: 'boolean', default: true, describe: 'Look up novita-migrate.config.json / package.json from the working directory (--no-config-lookup: no config)' })
      .option('stdin', { type: 'boolean', default: false, describe: 'Lint code read from stdin' })
      .option('stdin-filename', { type: 'string', coerce: lastValue, describe: 'The file name of the stdin code (parser choice, import resolution, reported path)' })
      .option('report-unused-disable-directives', { type: 'boolean', default: false, describe: 'Report novita-migrate-disable comments that suppress nothing, as errors' })
      .option('report-unused-disable-directives-severity', { type: 'string', coerce: lastValue, describe: 'The same at a chosen severity: off, warn, error (or 0, 1, 2)' })
      .option('error-on-unmatched-pattern', { type: 'boolean', default: true, describe: 'Exit 2 when a path or glob yields no file to lint (--no-error-on-unmatched-pattern to allow it)' })
      .option('concurrency', { type: 'number', coerce: lastValue, describe: 'Worker threads for big trees (default: available cores; 1 = single-threaded)' })
      .option('progress', { type: 'boolean', default: true, describe: 'Progress bar on a TTY (--no-progress to hide)' })
      .option('color', { type: 'boolean', describe: 'Force colours on or off (default: on a TTY, off with NO_COLOR or FORCE_COLOR=0)' })
      .option('fix', { type: 'boolean', hidden: true })
      .option('fix-dry-run', { type: 'boolean', hidden: true }),
  handler: async (argv) => {
    rejectEslintOnlyFlags(argv);
    const cwd = process.cwd();
    const config = resolveConfig(cwd, { file: argv.config as string | undefined, lookup: argv['config-lookup'] !== false });
    const format = String(argv.format);
    const outputFile = argv['output-file'] as string | undefined;
    const ruleLevels = { ...config.rules, ...parseRuleFlags(asList(argv.rule)) };
    const maxWarnings = Number(argv['max-warnings']);
    if (!Number.isInteger(maxWarnings) || maxWarnings < -1) throw new UsageError('--max-warnings expects a whole number');
    const reportUnusedDisableDirectives = unusedDirectiveSeverity(argv['report-unused-disable-directives'], argv['report-unused-disable-directives-severity']);
    // A formatter that does not exist is a usage error before any work is done.
    const formatter = await loadFormatter(format, cwd);
    const paths = asList(argv.paths);
    const debug = Boolean(argv.debug);

    let results: LintResult[];
    if (argv.stdin) {
      if (paths.length) throw new UsageError(`--stdin lints the code on stdin: give no paths (got ${paths.join(' ')}); name it with --stdin-filename`);
      const name = argv['stdin-filename'] as string | undefined;
      const text = await readStdin();
      const ignored = name ? stdinIgnoreReason(resolve(cwd, name), { cwd, ignorePatterns: [...config.ignorePatterns, ...asList(argv['ignore-pattern'])] }) : undefined;
      // ESLint names stdin `<text>` and parses it as JavaScript; imports resolve from the working directory.
      const result = name && ignored ? ignoredResult(resolve(cwd, name), ignored) : await lintSource(text, name ? resolve(cwd, name) : resolve(cwd, '<text>.js'), { ruleLevels, reportUnusedDisableDirectives });
      results = [name ? result : { ...result, filePath: '<text>' }];
    } else {
      if (argv['stdin-filename'] !== undefined) throw new UsageError('--stdin-filename names the code read with --stdin: add --stdin');
      const groups = filesByPattern(paths.length ? paths : ['.'], {
        cwd,
        ignorePatterns: [...config.ignorePatterns, ...asList(argv['ignore-pattern'])],
        onSkip: debug ? (p, why) => process.stderr.write(`novita-migrate: skipped ${p}: ${why}\n`) : undefined,
      });
      const unmatched = groups.find((g) => g.files.length === 0);
      // A gate that checked nothing must not pass: ESLint's "No files matching the pattern".
      if (unmatched && argv['error-on-unmatched-pattern'] !== false) throw new UsageError(unmatchedMessage(unmatched));
      // The bar is on stderr; it stays out of the way of a machine format on stdout, not of one written to a file.
      const progress = createProgress(Boolean(argv.progress) && (Boolean(outputFile) || !MACHINE_FORMATS.has(format)), 'Linting');
      const concurrency = argv.concurrency === undefined ? (await import('../../engine/lint-pool.js')).defaultConcurrency() : Number(argv.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a whole number of at least 1');
      const files = mergeFiles(groups);
      checkNamedFiles(paths.length ? paths : ['.'], files, cwd);
      results = await lintFiles(files, {
        cwd,
        concurrency,
        parallel: argv.concurrency === undefined ? 'auto' : 'always',
        ruleLevels,
        reportUnusedDisableDirectives,
        onSkip: debug ? (p, why) => process.stderr.write(`novita-migrate: skipped ${p}: ${why}\n`) : undefined,
        onProgress: (d, t) => progress.update(d, t),
      });
      progress.stop();
    }
    if (argv.quiet) {
      results = results.map((r) => ({ ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 }));
    }
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    const warnings = results.reduce((n, r) => n + r.warningCount, 0);
    const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
    const color = useColor({ flag: argv.color as boolean | undefined, env: process.env, isTTY: Boolean(process.stdout.isTTY), toFile: Boolean(outputFile) });
    const text = await formatter(results, { cwd: resolve(cwd), color, rules: RULE_METAS, version: packageVersion() }, { maxWarningsExceeded: tooManyWarnings ? { maxWarnings, foundWarnings: warnings } : undefined });
    writeReport(text, outputFile);
    if (tooManyWarnings) process.stderr.write(`novita-migrate found too many warnings (maximum: ${maxWarnings}).\n`);
    setExitCode(errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok);
  },
});
