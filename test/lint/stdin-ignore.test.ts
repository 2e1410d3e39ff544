/** `--stdin --stdin-filename NAME` where NAME is ignored: one warning, no findings, as ESLint does. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject } from './helpers.js';

const V2_CALL = "await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: 'x', upscaler_1: 'R-ESRGAN 4x+' }) });\n";
const PATTERN = 'File ignored because of a matching ignore pattern.';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string }[];
  errorCount: number;
  warningCount: number;
}

function stdin(dir: string, args: string[]): { status: number | null; stdout: string; stderr: string; results: JsonResult[] } {
  const r = spawnSync(process.execPath, [CLI, '--stdin', '--format', 'json', ...args], { cwd: dir, input: V2_CALL, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, results: r.stdout ? (JSON.parse(r.stdout) as JsonResult[]) : [] };
}

describe('--stdin-filename and ignore patterns', { timeout: 120_000 }, () => {
  const dir = makeProject({
    'novita-migrate.config.json': JSON.stringify({ ignorePatterns: ['legacy/'] }),
    '.gitignore': '*.gen.ts\n',
    'src/.gitignore': 'vendor/\n',
  });

  it.each([
    ['config ignorePatterns', ['--stdin-filename', 'legacy/old.ts'], PATTERN],
    ['--ignore-pattern', ['--stdin-filename', 'src/a.skip.ts', '--ignore-pattern', '*.skip.ts'], PATTERN],
    ['the root .gitignore', ['--stdin-filename', 'src/api.gen.ts'], PATTERN],
    ['a nested .gitignore', ['--stdin-filename', 'src/vendor/lib/up.ts'], PATTERN],
    ['node_modules', ['--stdin-filename', 'node_modules/pkg/index.js'], 'File ignored by default because it is located under the node_modules directory.'],
  ])('%s: one warning, no finding, exit 0', (_, args, message) => {
    const r = stdin(dir, args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.results).toHaveLength(1);
    expect(r.results[0]).toMatchObject({ filePath: join(dir, args[1]!), messages: [{ ruleId: null, severity: 1, message, line: 1, column: 1 }], errorCount: 0, warningCount: 1, fatalErrorCount: 0 });
    expect(r.results[0]!.messages).toHaveLength(1);
  });

  it('--max-warnings 0 makes an ignored file fail the run; --quiet hides the warning', () => {
    expect(stdin(dir, ['--stdin-filename', 'legacy/old.ts', '--max-warnings', '0']).status).toBe(1);
    const quiet = stdin(dir, ['--stdin-filename', 'legacy/old.ts', '--quiet']);
    expect([quiet.status, quiet.results[0]!.messages]).toEqual([0, []]);
  });

  it('a file the patterns do not match is linted (a nested .gitignore only applies below it)', () => {
    for (const name of ['src/api.ts', 'vendor/up.ts', 'legacy.ts', '../outside/legacy/old.ts']) {
      const r = stdin(dir, ['--stdin-filename', name]);
      expect([name, r.status, r.results[0]!.errorCount]).toEqual([name, 1, 1]);
    }
  });

  it('stylish shows the warning', () => {
    const r = spawnSync(process.execPath, [CLI, '--stdin', '--stdin-filename', 'legacy/old.ts'], { cwd: dir, input: V2_CALL, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`warning  ${PATTERN}`);
    expect(r.stdout).toContain('1 problem (0 errors, 1 warning)');
  });
});
