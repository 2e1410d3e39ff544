/**
 * `--report-unused-disable-directives` in a file with no Novita code at all:
 * the prefilter must still let it through, or its unused comment goes unseen.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mayContainV2Call, mayHoldDisableDirective } from '../../src/engine/prefilter.js';
import { lintText } from '../../src/lint/lint-text.js';
import { CLI, makeProject, runCli } from './helpers.js';

const NO_NOVITA = '// novita-migrate-disable-next-line v2-param\nexport const answer = 42;\n';
const UNUSED = "Unused novita-migrate-disable directive (no problems were reported from 'v2-param').";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number }[];
}

describe('unused disable directives in files the prefilter would skip', { timeout: 120_000 }, () => {
  it('the file is not a V2 candidate, only a directive one', () => {
    expect(mayContainV2Call(NO_NOVITA)).toBe(false);
    expect(mayHoldDisableDirective(NO_NOVITA)).toBe(true);
    expect(mayHoldDisableDirective('export const answer = 42;\n')).toBe(false);
  });

  it('lintText reports it with the flag and stays silent without it', () => {
    expect(lintText(NO_NOVITA, 'a.ts').messages).toEqual([]);
    expect(lintText(NO_NOVITA, 'a.ts', { reportUnusedDisableDirectives: 'warn' }).messages.map((m) => [m.line, m.severity, m.message])).toEqual([[1, 1, UNUSED]]);
  });

  it.each([
    ['one thread', ['--concurrency', '1']],
    ['the worker pool', ['--concurrency', '2']],
  ])('the CLI reports it (%s), exit 1; without the flag, exit 0 and nothing', (_, threads) => {
    const dir = makeProject({ 'src/a.ts': NO_NOVITA, 'src/b.py': '# novita-migrate-disable-next-line\nx = 1\n', 'src/c.ts': 'export const c = 1;\n' });
    const r = runCli(['--format', 'json', '--report-unused-disable-directives', ...threads, 'src'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const results = JSON.parse(r.stdout) as JsonResult[];
    const found = results.flatMap((x) => x.messages.map((m) => `${x.filePath.slice(dir.length)}:${m.line}:${m.severity}:${m.message}`));
    expect(found).toEqual([`/src/a.ts:1:2:${UNUSED}`, '/src/b.py:1:2:Unused novita-migrate-disable directive (no problems were reported).']);
    const off = runCli(['--format', 'json', ...threads, 'src'], dir);
    expect(off.status).toBe(0);
    expect((JSON.parse(off.stdout) as JsonResult[]).flatMap((x) => x.messages)).toEqual([]);
  });

  it('--stdin reports it too', () => {
    const dir = makeProject({});
    const r = spawnSync(process.execPath, [CLI, '--stdin', '--stdin-filename', 'a.ts', '--format', 'json', '--report-unused-disable-directives-severity', 'warn'], { cwd: dir, input: NO_NOVITA, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect((JSON.parse(r.stdout) as JsonResult[])[0]!.messages.map((m) => m.message)).toEqual([UNUSED]);
  });
});
