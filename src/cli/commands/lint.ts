// SCAFFOLD: replaced by the helper that owns the `lint` command.
import { UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';

export const lintCommand: CommandFactory = () => ({
  command: '$0 [paths..]',
  aliases: ['lint'],
  describe: 'lint',
  handler: () => {
    throw new UsageError('lint is not built yet');
  },
});
