import { countFix, formatFixSummary } from '../../fix/summary.js';
import { uncommittedChanges } from '../../fix/git-state.js';
import { EXIT, UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';
import { asList } from './lint.js';
import { createProgress } from '../progress.js';

export const fixCommand: CommandFactory = (setExitCode) => ({
  command: 'fix [paths..]',
  describe: 'Rewrite V2 upscale calls, their polling and response reads to V3 (or route them to the shim)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, default: ['.'], describe: 'Files or directories' })
      .option('dry', { type: 'boolean', default: false, describe: 'Print a unified diff; write nothing' })
      .option('unsupported', { type: 'string', choices: ['shim', 'comment'], default: 'shim', describe: 'What to do with calls V3 cannot express' })
      .option('progress', { type: 'boolean', default: true, describe: 'Progress bar on a TTY (--no-progress to hide)' })
      .option('force', { type: 'boolean', default: false, describe: 'Write even with uncommitted changes in the git work tree' })
      .option('ignore-pattern', { type: 'string', describe: 'Extra ignore pattern, .gitignore syntax (repeatable)' }),
  handler: async (argv) => {
    const cwd = process.cwd();
    const dry = Boolean(argv.dry);
    if (!dry && !argv.force) {
      const dirty = uncommittedChanges(cwd);
      if (dirty && dirty.length > 0) {
        throw new UsageError(`refusing to write: the git work tree has ${dirty.length} uncommitted change${dirty.length === 1 ? '' : 's'} (commit or stash them so fix's edits can be reviewed and reverted, or pass --force)`);
      }
    }
    // The transforms (jscodeshift, recast) load only for fix.
    const { runFix } = await import('../../fix/run-fix.js');
    // On a TTY, for runs over ~1 s; never with --no-progress, and not while a diff streams to stdout.
    const progress = createProgress(Boolean(argv.progress) && !dry, 'Fixing');
    const report = await runFix((argv.paths as string[]) ?? ['.'], {
      cwd,
      dry,
      unsupported: argv.unsupported === 'comment' ? 'comment' : 'shim',
      ignorePatterns: asList(argv['ignore-pattern']),
      onDiff: (patch) => process.stdout.write(patch),
      onProgress: (done, total) => progress.update(done, total),
    });
    progress.stop();
    process.stderr.write(formatFixSummary(report, cwd, dry));
    const counts = countFix(report);
    setExitCode(counts.failed > 0 ? EXIT.usage : counts.todo > 0 ? EXIT.findings : EXIT.ok);
  },
});
