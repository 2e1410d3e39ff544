import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, SAMPLE_APP } from '../lint/helpers.js';

const PLAIN = "export const up = (image: string) => fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });\n";
const XHR = "export function up(image) {\n  const xhr = new XMLHttpRequest();\n  xhr.open('POST', 'https://api.novita.ai/v2/upscale');\n  xhr.send(JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+' }));\n}\n";

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

/** A whole flow in one function: V3 expresses every part of it. */
const FLOW = [
  'export async function upscaleAndWait(image: string): Promise<string[]> {',
  "  const res = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });",
  '  const json = await res.json();',
  '  const id = json.data.task_id;',
  '  for (;;) {',
  '    const poll = await fetch(`https://api.novita.ai/v2/progress?task_id=${id}`);',
  '    const p = await poll.json();',
  '    if (p.data.status === 2) return p.data.imgs;',
  '    await new Promise((r) => setTimeout(r, 10));',
  '  }',
  '}',
  '',
].join('\n');

describe('novita-migrate fix', () => {
  it('--dry prints a unified diff and writes nothing', () => {
    const dir = makeProject({ 'a.ts': FLOW });
    const r = runCli(['fix', '--dry'], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('--- a/a.ts');
    expect(r.stdout).toContain("-  const res = await fetch('https://api.novita.ai/v2/upscale'");
    expect(r.stdout).toContain("+  const res = await fetch('https://api.novita.ai/v3/async/upscale'");
    expect(r.stderr).toContain('Dry run: 1 file would change');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(FLOW);
  });

  it('writes, summarises with reasons, adds the runtime dependency, and exits 1 when calls could only be marked TODO', () => {
    const dir = makeProject({ 'package.json': '{\n  "name": "app",\n  "type": "module"\n}\n', 'a.ts': FLOW, 'b.ts': PLAIN, 'c.py': 'URL = "https://api.novita.ai/v2/upscale"\n', 'clean.ts': 'export const x = 1;\n', 'ui.js': XHR });
    const clean = readFileSync(join(dir, 'clean.ts'));
    const r = runCli(['fix'], dir);
    expect(r.status).toBe(1);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("model_name: 'RealESRGAN_x4plus_anime_6B'");
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("p.task.status === 'TASK_STATUS_SUCCEED'");
    expect(readFileSync(join(dir, 'b.ts'), 'utf8')).toContain("import { upscaleV2 } from 'novita-migrate-shim';");
    expect(readFileSync(join(dir, 'ui.js'), 'utf8')).toContain('// TODO(novita-migrate): V2 upscale kept:');
    expect(r.stderr).toMatch(/c\.py\s+report-only/);
    expect(r.stderr).toContain('3 files changed, 0 unchanged, 1 report only, 0 skipped, 0 failed');
    expect(r.stderr).toContain('Calls: 2 rewritten to V3, 1 routed to the shim, 1 left with a TODO');
    expect(r.stderr).toContain('package.json: added the shim runtime to "dependencies"');
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).dependencies['novita-migrate-shim']).toMatch(/^\^\d/);
    expect(readFileSync(join(dir, 'clean.ts')).equals(clean)).toBe(true);
  });

  it('--print --dry prints each changed file whole (jscodeshift\'s habit) and writes nothing', () => {
    const dir = makeProject({ 'a.ts': FLOW });
    const r = runCli(['fix', '--dry', '--print'], dir);
    expect(r.stdout).toContain("const res = await fetch('https://api.novita.ai/v3/async/upscale'");
    expect(r.stdout).not.toContain('--- a/a.ts');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(FLOW);
  });

  it('acts only on what lint keeps: disable comments and the config file', () => {
    const disabled = `// novita-migrate-disable-next-line no-v2-upscale\n${PLAIN}`;
    const dir = makeProject({ 'a.ts': disabled, 'gen/b.ts': PLAIN, 'novita-migrate.config.json': JSON.stringify({ ignorePatterns: ['gen/'] }) });
    const r = runCli(['fix'], dir);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(disabled);
    expect(readFileSync(join(dir, 'gen/b.ts'), 'utf8')).toBe(PLAIN);
    expect(r.stderr).toContain('0 files changed');
  });

  it('treats every argument after `--` as a path', () => {
    const dir = makeProject({ '-rf.ts': PLAIN, 'other.ts': PLAIN });
    runCli(['fix', '--', '-rf.ts'], dir);
    expect(readFileSync(join(dir, '-rf.ts'), 'utf8')).toContain('upscaleV2(');
    expect(readFileSync(join(dir, 'other.ts'), 'utf8')).toBe(PLAIN);
  });

  it('never writes through a symlink that leaves the given paths, skips read-only files unless --force, and keeps the mode', () => {
    const outside = makeProject({ 'target.ts': PLAIN });
    const dir = makeProject({ 'script.ts': PLAIN, 'ro.ts': PLAIN });
    symlinkSync(join(outside, 'target.ts'), join(dir, 'link.ts'));
    chmodSync(join(dir, 'script.ts'), 0o750);
    chmodSync(join(dir, 'ro.ts'), 0o444);
    const r = runCli(['fix', '.'], dir);
    expect(readFileSync(join(outside, 'target.ts'), 'utf8')).toBe(PLAIN);
    expect(r.stderr).toMatch(/link\.ts\s+skipped\s+a symlink to .* outside the paths given/);
    expect(readFileSync(join(dir, 'ro.ts'), 'utf8')).toBe(PLAIN);
    expect(r.stderr).toMatch(/ro\.ts\s+skipped\s+read-only/);
    expect(readFileSync(join(dir, 'script.ts'), 'utf8')).toContain('upscaleV2(');
    expect(statSync(join(dir, 'script.ts')).mode & 0o777).toBe(0o750);
    runCli(['fix', '--force', '.'], dir);
    expect(readFileSync(join(dir, 'ro.ts'), 'utf8')).toContain('upscaleV2(');
    expect(statSync(join(dir, 'ro.ts')).mode & 0o777).toBe(0o444);
  });

  it('leaves a file that is not UTF-8 byte for byte, with a reason', () => {
    const latin1 = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${PLAIN}`)]);
    const dir = makeProject({ 'a.ts': '' });
    writeFileSync(join(dir, 'a.ts'), latin1);
    const r = runCli(['fix'], dir);
    expect(readFileSync(join(dir, 'a.ts')).equals(latin1)).toBe(true);
    expect(r.stderr).toMatch(/a\.ts\s+skipped\s+not valid UTF-8/);
  });

  it('leaves a file that does not parse byte-identical and says so', () => {
    const broken = "fetch('https://api.novita.ai/v2/upscale', {\n";
    const dir = makeProject({ 'broken.ts': broken });
    const r = runCli(['fix'], dir);
    expect(readFileSync(join(dir, 'broken.ts'), 'utf8')).toBe(broken);
    expect(r.stderr).toMatch(/broken\.ts\s+skipped\s+does not parse/);
    // README "## Fix": exit 1 when a file was skipped as unparsable.
    expect(r.status).toBe(1);
  });

  it('refuses to write into a repository with uncommitted or untracked changes unless --force, wherever it runs from', () => {
    const dir = makeProject({ 'a.ts': PLAIN, 'README.md': 'x\n' });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
    git('init', '-q');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'init');
    writeFileSync(join(dir, 'notes.txt'), 'untracked\n');
    const elsewhere = mkdtempSync(join(tmpdir(), 'nm-cwd-'));
    const refused = runCli(['fix', dir], elsewhere);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/Not written into .*: uncommitted changes there/);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(PLAIN);
    expect(runCli(['fix', '--dry', dir], elsewhere).status).toBe(0);
    expect(runCli(['fix', '--force', dir], elsewhere).status).toBe(0);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain('upscaleV2(');
  });

  it('does not write a change that adds type errors in a TypeScript project', () => {
    const typed = [
      'interface V2Answer { code: number; msg: string; data: { task_id: string } }',
      'interface V2Progress { code: number; data: { status: number; imgs: string[] } }',
      FLOW.replace('const json = await res.json();', 'const json: V2Answer = await res.json();').replace('const p = await poll.json();', 'const p: V2Progress = await poll.json();'),
    ].join('\n');
    const dir = makeProject({ 'a.ts': typed, 'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'es2022', module: 'esnext', lib: ['es2022', 'dom'], types: [] } }) });
    const r = runCli(['fix'], dir);
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toBe(typed);
    expect(r.stderr).toMatch(/a\.ts\s+failed\s+the change would add \d+ type errors? \(TS\d+/);
    expect(r.status).toBe(2);
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
      // A file fix could not edit (not UTF-8) is left byte for byte, and lint keeps reporting it.
      if (file.filePath.endsWith('latin1.js')) continue;
      const lines = readFileSync(file.filePath, 'utf8').split('\n');
      for (const m of file.messages.filter((x) => x.ruleId === 'no-v2-upscale' || x.ruleId === 'no-v2-progress')) {
        // Each remaining V2 call sits under its TODO comment.
        const above = lines.slice(Math.max(0, m.line - 4), m.line).join('\n');
        expect(above, `${file.filePath}:${m.line}`).toContain('TODO(novita-migrate)');
      }
    }
  }, 120_000); // four CLI runs over the whole app: a guard against hangs, not a speed test

  it('the built transform runs under the stock jscodeshift CLI', () => {
    const dir = makeProject({ 'a.ts': FLOW });
    const bin = fileURLToPath(new URL('../../node_modules/.bin/jscodeshift', import.meta.url));
    const transform = fileURLToPath(new URL('../../dist/transforms/upscale-v2-to-v3.js', import.meta.url));
    const r = spawnSync(bin, ['--no-babel', '-t', transform, join(dir, 'a.ts')], { encoding: 'utf8' });
    expect(r.stdout).toContain('1 ok');
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain("model_name: 'RealESRGAN_x4plus_anime_6B'");
    expect(readFileSync(join(dir, 'a.ts'), 'utf8')).toContain('/v3/async/task-result');
  });
});
