// SCAFFOLD: replaced by the helper that owns the `rules` command.
import { UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';

export const rulesCommand: CommandFactory = () => ({
  command: 'rules',
  
  describe: 'rules',
  handler: () => {
    throw new UsageError('rules is not built yet');
  },
});
