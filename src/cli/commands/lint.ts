import { resolve } from 'node:path';
import { MACHINE_FORMATS } from '../../report/formatters.js';
import type { LintResult } from '../../lint/types.js';
import { RULE_METAS } from '../../rules/index.js';
import { useColor } from '../color.js';
import { resolveConfig } from '../config.js';
import { EXIT, UsageError } from '../../lint/errors.js';
import { checkNamedFiles, lintFilesTo, lintSource, toResult } from '../../lint/lint-run.js';
import { jsonStream, type JsonStream } from '../json-stream.js';
import type { ResultSink } from '../../lint/result-order.js';
import { walkFiles } from '../../engine/discover.js';
import { defaultConcurrency } from '../../lint/lint-pool.js';
import { startCandidateLinter } from '../../lint/candidate-linter.js';
import { FORMATTERS } from '../../report/formatters.js';
import { statSync } from 'node:fs';
import { loadFormatter } from '../load-formatter.js';
import { asList, lastValue } from '../option-values.js';
import { filesByPattern, mergeFiles, unmatchedMessage } from '../../lint/patterns.js';
import { createProgress } from '../progress.js';
import { readStdin } from '../read-stdin.js';
import { ignoredResult, stdinIgnoreReason } from '../stdin-ignore.js';
import { parseRuleFlags } from '../rule-flag.js';
import { packageVersion } from '../../package-version.js';
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

/** `--quiet`: errors only. */
function quietResult(r: LintResult): LintResult {
  return { ...r, messages: r.messages.filter((m) => m.severity === 2), warningCount: 0 };
}

/**
 * Where results go. JSON on stdout is written as it comes; the built-in
 * formats that print findings only keep files with something to say; a
 * custom formatter, or a report written to a file, gets every file.
 */
function resultSink(format: string, outputFile: string | undefined, quiet: boolean): ResultSink & { stream?: JsonStream; results: LintResult[]; errors: number; warnings: number } {
  const results: LintResult[] = [];
  if (format === 'json' && !outputFile) {
    const stream = jsonStream((text) => process.stdout.write(text), quiet ? quietResult : undefined);
    const sink = {
      stream,
      results,
      errors: 0,
      warnings: 0,
      result(r: LintResult) {
        sink.errors += r.errorCount;
        if (!quiet) sink.warnings += r.warningCount;
        stream.result(r);
      },
      clean: (file: string) => stream.clean(file),
    };
    return sink;
  }
  const keepClean = !(format in FORMATTERS) || format === 'json';
  return { results, errors: 0, warnings: 0, result: (r) => results.push(r), clean: (file) => keepClean && results.push(toResult(file, [])) };
}

/** The one directory named (or `.`), when the run lints exactly that: it can then be linted as it is walked. */
function singleDirectory(paths: readonly string[], cwd: string): string | undefined {
  if (paths.length > 1) return undefined;
  const p = paths[0] ?? '.';
  try {
    return statSync(resolve(cwd, p)).isDirectory() ? p : undefined;
  } catch {
    return undefined;
  }
}

/** The walk, counting the files it yields (a directory with none is an unmatched pattern). */
function countingWalk(files: Iterable<string>): Iterable<string> & { count: number } {
  const counted = {
    count: 0,
    *[Symbol.iterator]() {
      for (const f of files) {
        counted.count++;
        yield f;
      }
    },
  };
  return counted;
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
      const concurrency = argv.concurrency === undefined ? defaultConcurrency() : Number(argv.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1) throw new UsageError('--concurrency expects a whole number of at least 1');
      const parallel = argv.concurrency === undefined ? 'auto' : 'always';
      // Before the walk: the candidate thread loads Babel while this one reads the tree.
      const candidates = parallel === 'always' && concurrency > 1 ? undefined : startCandidateLinter(ruleLevels, reportUnusedDisableDirectives);
      const onSkip = debug ? (p: string, why: string) => process.stderr.write(`novita-migrate: skipped ${p}: ${why}\n`) : undefined;
      const ignorePatterns = [...config.ignorePatterns, ...asList(argv['ignore-pattern'])];
      // The bar is on stderr, on a TTY only; it stays out of the way of a machine format on stdout, not of one written
      // to a file. Without it a single directory is linted as it is walked (no count of files needed first).
      const showProgress = Boolean(argv.progress) && Boolean(process.stderr.isTTY) && (Boolean(outputFile) || !MACHINE_FORMATS.has(format));
      const quiet = Boolean(argv.quiet);
      const sink = resultSink(format, outputFile, quiet);
      const runOptions = { cwd, concurrency, parallel, ruleLevels, reportUnusedDisableDirectives, onSkip } as const;
      const walked = !showProgress ? singleDirectory(paths, cwd) : undefined;
      try {
        if (walked !== undefined) {
          // One directory: linted as it is walked, in sorted order, results handed on as they come.
          const files = countingWalk(walkFiles([walked], { cwd, ignorePatterns, onSkip }));
          await lintFilesTo(files, runOptions, sink, undefined, candidates);
          if (files.count === 0 && argv['error-on-unmatched-pattern'] !== false) throw new UsageError(unmatchedMessage({ pattern: walked, kind: 'directory', files: [] }));
        } else {
          const groups = filesByPattern(paths.length ? paths : ['.'], { cwd, ignorePatterns, onSkip });
          const unmatched = groups.find((g) => g.files.length === 0);
          // A gate that checked nothing must not pass: ESLint's "No files matching the pattern".
          if (unmatched && argv['error-on-unmatched-pattern'] !== false) throw new UsageError(unmatchedMessage(unmatched));
          const progress = createProgress(showProgress, 'Linting');
          const files = mergeFiles(groups);
          checkNamedFiles(paths.length ? paths : ['.'], files, cwd);
          await lintFilesTo(files, { ...runOptions, onProgress: (d, t) => progress.update(d, t) }, sink, files.length, candidates);
          progress.stop();
        }
      } finally {
        await candidates?.close();
      }
      if (sink.stream) {
        // Written already: only the exit code is left.
        sink.stream.end();
        const tooMany = maxWarnings >= 0 && sink.warnings > maxWarnings;
        if (tooMany) process.stderr.write(`novita-migrate found too many warnings (maximum: ${maxWarnings}).\n`);
        setExitCode(sink.errors > 0 || tooMany ? EXIT.findings : EXIT.ok);
        return;
      }
      results = sink.results;
    }
    if (argv.quiet) {
      results = results.map(quietResult);
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
