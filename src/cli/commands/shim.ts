// SCAFFOLD: replaced by the helper that owns the `shim` command.
import { UsageError } from '../errors.js';
import type { CommandFactory } from './command-type.js';

export const shimCommand: CommandFactory = () => ({
  command: 'shim <action>',
  
  describe: 'shim',
  handler: () => {
    throw new UsageError('shim is not built yet');
  },
});
