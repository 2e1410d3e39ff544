import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, SAMPLE_APP } from '../lint/helpers.js';

const PLAIN = "export const up = (image: string) => fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });\n";
const TODO_ONLY = "import got from 'got';\nexport const up = (image) => got.post('https://api.novita.ai/v2/upscale', { json: { image, upscaler_1: 'Nearest' } });\n";

function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      if (name === '.git') continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[p.slice(dir.length + 1)] = readFileSync(p, 'latin1');
    }
  };
  walk(dir);
  return out;
}

describe('novita-migrate fix', () => {
  it('--dry prints a unified diff and writes nothing', () => {
    const dir = makeProject({ 'a.ts': PLAIN });
    const r = runCli(['fix', '--dry'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- a/a.ts');
    expect(r.stdout).toContain("-export const up = (image: string) => fetch('https://api.novita.ai/v2/upscale'");
    expect(r.stdout).toContain("+export const up = (image: string) => fetch('https://api.novita.ai/v3/async/upscale'");
    expect(r.stderr).toContain('Dry run: 1 file would change');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(PLAIN);
  });

  it('writes, summarises with reasons, and exits 1 when calls could only be marked TODO', () => {
    const dir = makeProject({ 'a.ts': PLAIN, 'b.js': TODO_ONLY, 'c.py': 'URL = "https://api.novita.ai/v2/upscale"\n', 'clean.ts': 'export const x = 1;\n' });
    const clean = readFileSync(join(dir, 'clean.ts'));
    const r = runCli(['fix'], dir);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("model_name: 'RealESRGAN_x4plus_anime_6B'");
    expect(readFileSync(join(dir, 'b.js'), 'utf8')).toContain('// TODO(novita-migrate): V2 upscale kept: `upscaler_1` = "Nearest" has no V3 model');
    expect(r.stderr).toMatch(/c\.py\s+report-only/);
    expect(r.stderr).toContain('2 files changed, 0 unchanged, 1 report only, 0 skipped, 0 failed');
    expect(r.stderr).toContain('Calls: 1 rewritten to V3, 0 routed to the shim, 1 left with a TODO');
    expect(readFileSync(join(dir, 'clean.ts')).equals(clean)).toBe(true);
  });

  it('leaves a file that does not parse byte-identical and says so', () => {
    const broken = "fetch('https://api.novita.ai/v2/upscale', {\n";
    const dir = makeProject({ 'broken.ts': broken });
    const r = runCli(['fix'], dir);
    expect(readFileSync(join(dir, 'broken.ts'), 'utf8')).toBe(broken);
    expect(r.stderr).toMatch(/broken\.ts\s+skipped\s+does not parse/);
  });

  it('refuses to write into a dirty git work tree unless --force', () => {
    const dir = makeProject({ 'a.ts': PLAIN, 'README.md': 'x\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init');
    writeFileSync(join(dir, 'README.md'), 'changed\n');
    const refused = runCli(['fix'], dir);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/refusing to write: the git work tree has 1 uncommitted change/);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(PLAIN);
    expect(runCli(['fix', '--dry'], dir).status).toBe(0);
    expect(runCli(['fix', '--force'], dir).status).toBe(0);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain('/v3/async/upscale');
  });

  it('on the sample app: dry diff, apply, a second run changes nothing, lint then finds only the TODO calls', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nm-sample-'));
    cpSync(SAMPLE_APP, dir, { recursive: true });
    const before = snapshot(dir);
    const dry = runCli(['fix', '--dry', '.'], dir);
    expect(dry.stdout).toMatch(/^\+\+\+ b\/src\//m);
    expect(snapshot(dir)).toEqual(before);
    runCli(['fix', '.'], dir);
    const after = snapshot(dir);
    expect(after).not.toEqual(before);
    const second = runCli(['fix', '.'], dir);
    expect(snapshot(dir)).toEqual(after);
    expect(second.stderr).toMatch(/0 files changed/);
    const lint = JSON.parse(runCli(['--format', 'json', 'src'], dir).stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    for (const file of lint) {
      const lines = readFileSync(file.filePath, 'utf8').split('\n');
      for (const m of file.messages.filter((x) => x.ruleId === 'no-v2-upscale' || x.ruleId === 'no-v2-progress')) {
        // Each remaining V2 call sits under its TODO comment.
        const above = lines.slice(Math.max(0, m.line - 4), m.line).join('\n');
        expect(above, `${file.filePath}:${m.line}`).toContain('TODO(novita-migrate)');
      }
    }
  });

  it('the built transform runs under the stock jscodeshift CLI', () => {
    const dir = makeProject({ 'a.ts': PLAIN });
    const bin = fileURLToPath(new URL('../../node_modules/.bin/jscodeshift', import.meta.url));
    const transform = fileURLToPath(new URL('../../dist/transforms/upscale-v2-to-v3.js', import.meta.url));
    const r = spawnSync(bin, ['--no-babel', '-t', transform, join(dir, 'a.ts')], { encoding: 'utf8' });
    expect(r.stdout).toContain('1 ok');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("model_name: 'RealESRGAN_x4plus_anime_6B'");
  });
});
