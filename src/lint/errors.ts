/** Errors that end the CLI with exit code 2 and a one-line message (no stack unless --debug). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;
