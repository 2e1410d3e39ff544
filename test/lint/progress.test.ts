import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, runCli, SAMPLE_APP } from './helpers.js';

/** Runs the CLI under a pseudo-terminal (util-linux `script`), where a progress bar may appear. */
function runOnTty(args: string[]) {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a}'`).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: SAMPLE_APP, encoding: 'utf8', env: { ...process.env, NOVITA_MIGRATE_PROGRESS_DELAY_MS: '0', NO_COLOR: '1' } });
  return r.stdout;
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe.skipIf(!hasScript)('progress bar', () => {
  it('shows on a TTY (stderr), with files scanned / total', () => {
    expect(runOnTty(['.'])).toMatch(/Linting \[[^\]]*\] \d+\/\d+ files/);
  });

  it('never with --no-progress or a machine format', () => {
    expect(runOnTty(['--no-progress', '.'])).not.toMatch(/Linting \[/);
    expect(runOnTty(['--format', 'json', '.'])).not.toMatch(/Linting \[/);
  });

  it('with a machine format written to --output-file (stdout is free)', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'nm-progress-')), 'report.sarif');
    expect(runOnTty(['--format', 'sarif', '--output-file', out, '.'])).toMatch(/Linting \[[^\]]*\] \d+\/\d+ files/);
    expect(JSON.parse(readFileSync(out, 'utf8')).version).toBe('2.1.0');
  });
});

describe('progress bar off a TTY', { timeout: 120_000 }, () => {
  it('never appears', () => {
    const r = runCli(['.'], SAMPLE_APP);
    expect(r.stderr).not.toMatch(/Linting \[/);
  });

  it('--format github on the sample app gives one annotation per finding', () => {
    const out = runCli(['--format', 'github', '.'], SAMPLE_APP).stdout.trim().split('\n');
    expect(out.length).toBeGreaterThan(30);
    for (const line of out) expect(line).toMatch(/^::(error|warning) file=[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[a-z0-9-]+::/);
  });
});
