// SCAFFOLD: replaced by the helper that owns the `fix` command.
import { UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';

export const fixCommand: CommandFactory = () => ({
  command: 'fix [paths..]',
  
  describe: 'fix',
  handler: () => {
    throw new UsageError('fix is not built yet');
  },
});
