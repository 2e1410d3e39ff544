import type { CommandModule } from 'yargs';

/** Each command gets a setter for the process exit code (0, 1 or 2). */
export type CommandFactory = (setExitCode: (code: number) => void) => CommandModule;
