import { countFix, formatFixSummary } from '../../fix/summary.js';
import { loadConfig } from '../config.js';
import { EXIT } from '../../lint/errors.js';
import type { CommandFactory } from './command-type.js';
import { asList } from './lint.js';
import { createProgress } from '../progress.js';

export const fixCommand: CommandFactory = (setExitCode) => ({
  command: 'fix [paths..]',
  describe: 'Migrate V2 upscale task flows: to V3 where exact, else through the shim runtime, else a TODO',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'Files or directories (default: .); `--` ends the options' })
      .option('dry', { type: 'boolean', default: false, describe: 'Print a unified diff; write nothing' })
      .option('print', { type: 'boolean', default: false, describe: 'Print each changed file whole to stdout (with --dry: instead of the diff; without: and write it)' })
      .option('unsupported', { type: 'string', choices: ['shim', 'comment'], default: 'shim', describe: 'What to do with flows V3 cannot express' })
      .option('progress', { type: 'boolean', default: true, describe: 'Progress bar on a TTY (--no-progress to hide)' })
      .option('force', { type: 'boolean', default: false, describe: 'Write despite uncommitted changes in a repository fix writes into, and into read-only files' })
      .option('ignore-pattern', { type: 'string', describe: 'Extra ignore pattern, .gitignore syntax (repeatable)' })
      .parserConfiguration({ 'populate--': true }),
  handler: async (argv) => {
    const cwd = process.cwd();
    const dry = Boolean(argv.dry);
    // Everything after `--` is a path, even when it looks like an option (`fix -- -rf.js`).
    const afterDashes = ((argv['--'] as unknown[] | undefined) ?? []).map(String);
    const paths = [...asList(argv.paths as string[] | string | undefined), ...afterDashes];
    const config = loadConfig(cwd);
    // The transforms (jscodeshift, recast) load only for fix.
    const { runFix } = await import('../../fix/run-fix.js');
    // On a TTY, for runs over ~1 s; never with --no-progress, and not while a diff streams to stdout.
    const progress = createProgress(Boolean(argv.progress) && !dry && !argv.print, 'Fixing');
    const report = await runFix(paths.length ? paths : ['.'], {
      cwd,
      dry,
      force: Boolean(argv.force),
      unsupported: argv.unsupported === 'comment' ? 'comment' : 'shim',
      ignorePatterns: [...config.ignorePatterns, ...asList(argv['ignore-pattern'])],
      ruleLevels: config.rules,
      onDiff: (patch) => process.stdout.write(patch),
      onPrint: argv.print ? (_file, text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`) : undefined,
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    process.stderr.write(formatFixSummary(report, cwd, dry));
    const counts = countFix(report);
    // As lint: an unparsable file is an error; a call left with a TODO is a finding.
    setExitCode(counts.failed > 0 ? EXIT.usage : counts.todo > 0 || counts.unparsable > 0 || report.refusedDirty.length > 0 ? EXIT.findings : EXIT.ok);
  },
});
