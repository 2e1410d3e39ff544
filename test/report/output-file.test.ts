import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli } from '../lint/helpers.js';

const V2_CALL = "fetch('https://api.novita.ai/v2/upscale', { method: 'POST' });\n";

describe('--output-file', { timeout: 120_000 }, () => {
  it('replaces an old report whole, for every format, and prints nothing on stdout', () => {
    const dir = makeProject({ 'src/a.ts': V2_CALL });
    for (const format of ['stylish', 'json', 'sarif', 'github']) {
      const out = join(dir, `report.${format}`);
      writeFileSync(out, 'old report '.repeat(10_000));
      const r = runCli(['--format', format, '--output-file', out, 'src'], dir);
      expect(r.status, format).toBe(1);
      expect(r.stdout, format).toBe('');
      expect(readFileSync(out, 'utf8'), format).toBe(runCli(['--format', format, 'src'], dir).stdout);
    }
    expect(readdirSync(dir).sort()).toEqual(['report.github', 'report.json', 'report.sarif', 'report.stylish', 'src']);
  });

  it('creates missing directories, as ESLint does', () => {
    const dir = makeProject({ 'src/a.ts': V2_CALL });
    const r = runCli(['--format', 'sarif', '-o', 'reports/ci/x.sarif', 'src'], dir);
    expect(r.status).toBe(1);
    expect(r.stderr).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'reports/ci/x.sarif'), 'utf8')).version).toBe('2.1.0');
  });

  it('that cannot be written: exit 2, one clear line, no partial or temporary file', () => {
    const dir = makeProject({ 'src/a.ts': V2_CALL, 'file.txt': 'x' });
    mkdirSync(join(dir, 'out.sarif'));
    const cases: [string, RegExp][] = [
      [join(dir, 'file.txt', 'report.sarif'), /^novita-migrate: cannot write the report to .*report\.sarif: a parent is not a directory\n$/],
      [join(dir, 'out.sarif'), /^novita-migrate: cannot write the report to .*out\.sarif: it is a directory\n$/],
    ];
    for (const [target, message] of cases) {
      const r = runCli(['--format', 'sarif', '--output-file', target, 'src'], dir);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    expect(readdirSync(dir).sort()).toEqual(['file.txt', 'out.sarif', 'src']);
    expect(readdirSync(join(dir, 'out.sarif'))).toEqual([]);
  });
});
