/** The streaming walk yields files in final (sorted) order, so results can be written as they come. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverFiles, sortedUnique, walkFiles } from '../../src/engine/discover.js';
import { GitignoreScope } from '../../src/engine/gitignore-scope.js';

function tree(files: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'nm-walk-'));
  for (const f of files) {
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    writeFileSync(join(dir, f), '');
  }
  return dir;
}

describe('walkFiles', () => {
  it('yields a directory tree in the order of sorting its paths (a.js before a/x.js, a-b before a/)', () => {
    const dir = tree(['a/x.js', 'a.js', 'a-b/y.js', 'a0.js', 'A/z.js', 'b/c/d.js', 'b/c.js', 'b/c-d/e.js', 'ä.js', 'z.js']);
    const walked = [...walkFiles(['.'], { cwd: dir })];
    expect(walked).toEqual([...walked].sort());
    expect(walked).toHaveLength(10);
  });

  it('applies a nested .gitignore (negations too)', () => {
    const files = Array.from({ length: 300 }, (_, i) => `p/f${i}.${i % 3 === 0 ? 'log' : 'js'}`);
    const dir = tree([...files, 'p/keep.log']);
    writeFileSync(join(dir, 'p/.gitignore'), '*.log\n!keep.log\n');
    const found = discoverFiles(['.'], { cwd: dir }).map((f) => f.slice(dir.length + 1));
    expect(found).toContain('p/keep.log');
    expect(found.filter((f) => f.endsWith('.log'))).toEqual(['p/keep.log']);
    expect(found).toHaveLength(202); // with p/.gitignore itself
  });
});

describe('discoverFiles', () => {
  it('lists overlapping paths once, in sorted order', () => {
    const dir = tree(['b/y.js', 'a/x.js', 'b/c/z.js']);
    const found = discoverFiles(['b', 'a', 'b/c', 'a/x.js'], { cwd: dir }).map((f) => f.slice(dir.length + 1));
    expect(found).toEqual(['a/x.js', 'b/c/z.js', 'b/y.js']);
  });
});

describe('sortedUnique', () => {
  it('sorts and deduplicates, by UTF-16 code unit as Array#sort does', () => {
    expect(sortedUnique(['b', 'a', 'b', 'B', 'ä', 'a/x', 'a.x'])).toEqual(['B', 'a', 'a.x', 'a/x', 'b', 'ä']);
    expect(sortedUnique(['a', 'a'])).toEqual(['a']);
    expect(sortedUnique([])).toEqual([]);
  });

  it('returns an already sorted, duplicate-free list as it is', () => {
    const list = ['a', 'a.x', 'a/x', 'b'];
    expect(sortedUnique(list)).toBe(list);
  });
});

describe('GitignoreScope', () => {
  it('answers the same after its matcher is rebuilt to bound the cache', () => {
    const scope = new GitignoreScope('/r', '*.log\n!keep.log\n/gen/\n');
    for (let i = 0; i < 50_000; i++) {
      expect(scope.ignores(`/r/d${i % 7}/f${i}.log`, false)).toBe(true);
      expect(scope.ignores(`/r/d${i % 7}/f${i}.js`, false)).toBe(false);
    }
    expect(scope.ignores('/r/x/keep.log', false)).toBe(false);
    expect(scope.ignores('/r/gen', true)).toBe(true);
    expect(scope.ignores('/elsewhere/a.log', false)).toBe(false);
  });
});
