import { execFileSync } from 'node:child_process';
import { dirname } from 'node:path';

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return undefined;
  }
}

/** Uncommitted changes in the git work tree around `cwd` (undefined outside a work tree or without git). */
export function uncommittedChanges(cwd: string): string[] | undefined {
  const out = git(['status', '--porcelain', '--untracked-files=normal'], cwd);
  return out === undefined ? undefined : out.split('\n').filter(Boolean);
}

/**
 * The repositories among those holding `files` that have uncommitted
 * changes, untracked files that are not ignored included: fix's edits must
 * be reviewable and revertible on their own.
 */
export function dirtyRepositories(files: readonly string[]): string[] {
  const tops = new Map<string, string | undefined>();
  const dirty: string[] = [];
  for (const file of files) {
    const dir = dirname(file);
    if (!tops.has(dir)) tops.set(dir, git(['rev-parse', '--show-toplevel'], dir)?.trim());
    const top = tops.get(dir);
    if (!top || dirty.includes(top)) continue;
    const changes = uncommittedChanges(top);
    if (changes && changes.length > 0) dirty.push(top);
  }
  return dirty;
}
