/** The nearest `name` at or above a directory (package.json, tsconfig.json, …). */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface FindUpOptions {
  /** Stop (with no answer) after a directory for which this is true, e.g. a package root. */
  stopAfter?: (dir: string) => boolean;
}

export function findUp(startDir: string, name: string, options: FindUpOptions = {}): string | undefined {
  let dir = startDir;
  for (;;) {
    const candidate = join(dir, name);
    if (existsSync(candidate)) return candidate;
    if (options.stopAfter?.(dir)) return undefined;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
