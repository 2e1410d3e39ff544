import { execFileSync } from 'node:child_process';

/** Uncommitted changes in the git work tree around `cwd` (undefined outside a work tree or without git). */
export function uncommittedChanges(cwd: string): string[] | undefined {
  try {
    const out = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return out.split('\n').filter(Boolean);
  } catch {
    return undefined;
  }
}
