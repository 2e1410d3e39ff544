/**
 * The attack cases of issue 11 as a user meets them: one pathological file
 * never stops the run, never leaks a stack trace, never hangs.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject, runCli } from './helpers.js';

const V2_CALL = "fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: img, upscaler_1: 'R-ESRGAN 4x+', upscaling_resize: 2 }) });\n";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; column: number; fatal?: boolean }[];
}
const parseJson = (s: string) => JSON.parse(s) as JsonResult[];
/** The endpoint rules reported for a file (parameter rules aside). */
const rulesOf = (results: JsonResult[], name: string) => results.find((r) => r.filePath.endsWith(name))?.messages.filter((m) => !m.ruleId?.startsWith('v2-')).map((m) => m.ruleId);

/** Valid files nested deeper than Node's default stack. */
const DEEP = {
  'deep-call.js': `const x = ${'f('.repeat(600)}1${')'.repeat(600)};\n${V2_CALL}`,
  'concat.js': `const s = ${Array.from({ length: 1500 }, (_, i) => `'s${i}'`).join(' + ')};\n${V2_CALL}`,
  'member.js': `const m = a${'.b'.repeat(3000)};\n${V2_CALL}`,
  'real.ts': V2_CALL,
};

describe('a file deeper than the stack', () => {
  for (const args of [[], ['--concurrency', '2']]) {
    it(`is still analysed, and every other file reported ${args.length ? '(worker pool)' : '(one thread)'}`, () => {
      const dir = makeProject(DEEP);
      const r = runCli(['--format', 'json', ...args, '.'], dir);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      const results = parseJson(r.stdout);
      for (const name of Object.keys(DEEP)) expect(rulesOf(results, name), name).toEqual(['no-v2-upscale']);
    });
  }
});

describe('an internal failure in one file', () => {
  it('is a fatal message for that file (ESLint-style) and the run goes on', async () => {
    const { lintText } = await import('../../src/lint/lint-text.js');
    const throwing = {
      resolveExport(): never {
        throw new TypeError('resolver exploded');
      },
    };
    const r = lintText("import { URL } from './config';\nfetch(URL + '/v2/upscale');\n", '/tmp/a.ts', { resolver: throwing });
    expect(r.messages).toEqual([{ ruleId: null, fatal: true, severity: 2, message: 'Analysis failed: TypeError: resolver exploded', line: 1, column: 1 }]);
  });
});

describe('special files', () => {
  const mkfifo = (path: string): boolean => spawnSync('mkfifo', [path]).status === 0;

  it('a FIFO named on the command line is refused with exit 2, never opened', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    if (!mkfifo(join(dir, 'pipe'))) return;
    const r = spawnSync(process.execPath, [CLI, 'pipe'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('novita-migrate: Not a regular file or directory: pipe (FIFO)');
  });

  it('a FIFO in the tree is skipped with a note; the rest is linted', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    if (!mkfifo(join(dir, 'pipe.ts'))) return;
    symlinkSync(join(dir, 'pipe.ts'), join(dir, 'link-to-pipe.ts'));
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', '--debug', '.'], { cwd: dir, encoding: 'utf8', timeout: 20_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/pipe\.ts: FIFO: not read/);
    expect(parseJson(r.stdout).map((x) => x.filePath.slice(dir.length + 1))).toEqual(['a.ts']);
  });
});

describe('directory symlinks', () => {
  it('a link to / or outside the given paths is not followed; a link inside them is, once', () => {
    const outside = makeProject({ 'secret.ts': V2_CALL });
    const dir = makeProject({ 'src/a.ts': V2_CALL, 'shared/b.ts': V2_CALL });
    symlinkSync('/', join(dir, 'src', 'root'));
    symlinkSync(outside, join(dir, 'src', 'elsewhere'));
    symlinkSync(join(dir, 'shared'), join(dir, 'src', 'shared-link'));
    const started = Date.now();
    const r = runCli(['--format', 'json', '--debug', '.'], dir);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(r.status).toBe(1);
    // `shared` is reached twice (directly and through the link): linted once.
    expect(parseJson(r.stdout).map((x) => x.filePath.slice(dir.length + 1)).sort()).toEqual(['shared/b.ts', 'src/a.ts']);
    expect(r.stderr).toMatch(/src\/root: symlink to a directory outside the linted paths \(\/\); not followed/);
    expect(r.stderr).toMatch(/src\/elsewhere: symlink to a directory outside the linted paths/);
  });

  it('a link into a second path given on the command line is followed', () => {
    const dir = makeProject({ 'app/a.ts': V2_CALL, 'lib/b.ts': V2_CALL });
    mkdirSync(join(dir, 'app', 'vendor'));
    symlinkSync(join(dir, 'lib'), join(dir, 'app', 'vendor', 'lib'));
    const r = runCli(['--format', 'json', 'app'], dir);
    expect(parseJson(r.stdout).map((x) => x.filePath.slice(dir.length + 1))).toEqual(['app/a.ts']);
    const both = parseJson(runCli(['--format', 'json', 'app', 'lib'], dir).stdout).map((x) => x.filePath.slice(dir.length + 1));
    // b.ts is reached twice (through the link and directly): reported once.
    expect(both).toHaveLength(2);
    expect(both.filter((f) => f.endsWith('b.ts'))).toHaveLength(1);
  });
});

describe('encodings and unreadable files', () => {
  const text = `// line 1\n${V2_CALL}`;
  it('UTF-16 LE and BE files (with a BOM) are decoded and linted', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]);
    const dir = makeProject({ 'le.ts': le, 'be.js': be, 'le.py': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('# x\nURL = "https://api.novita.ai/v2/progress"\n', 'utf16le')]) });
    const results = parseJson(runCli(['--format', 'json', '.'], dir).stdout);
    for (const name of ['le.ts', 'be.js']) expect(results.find((x) => x.filePath.endsWith(name))?.messages.filter((m) => m.ruleId === 'no-v2-upscale').map((m) => [m.ruleId, m.line]), name).toEqual([['no-v2-upscale', 2]]);
    expect(results.find((x) => x.filePath.endsWith('le.py'))?.messages.map((m) => [m.ruleId, m.line])).toEqual([['no-v2-progress', 2]]);
  });

  it('a binary file named explicitly is exit 2; inside a tree it is a --debug note', () => {
    const dir = makeProject({ 'a.ts': V2_CALL, 'blob.js': Buffer.concat([Buffer.from(V2_CALL), Buffer.from([0, 0, 1])]) });
    const named = runCli(['blob.js'], dir);
    expect(named.status).toBe(2);
    expect(named.stderr.trim()).toBe('novita-migrate: Cannot lint blob.js: binary');
    const tree = runCli(['--debug', '.'], dir);
    expect(tree.status).toBe(1);
    expect(tree.stderr).toMatch(/blob\.js: binary/);
  });

  it.skipIf(process.getuid?.() === 0)('an unreadable file named explicitly is exit 2', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    chmodSync(join(dir, 'a.ts'), 0o000);
    const r = runCli(['a.ts'], dir);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/Cannot lint a\.ts: unreadable \(EACCES\)/);
  });
});

describe('paths the user names', () => {
  it('`lint node_modules/novita-sdk` lints the package, its dist/ included, even when .gitignore lists node_modules', () => {
    const dir = makeProject({
      '.gitignore': 'node_modules/\n',
      'node_modules/novita-sdk/dist/index.js': V2_CALL,
      'node_modules/novita-sdk/node_modules/dep/index.js': V2_CALL,
      'node_modules/other/index.js': V2_CALL,
      'src/a.ts': 'export {};\n',
    });
    const r = runCli(['--format', 'json', 'node_modules/novita-sdk'], dir);
    expect(r.status).toBe(1);
    expect(parseJson(r.stdout).map((x) => x.filePath.slice(dir.length + 1))).toEqual(['node_modules/novita-sdk/dist/index.js']);
    // Walking from the top, node_modules is still skipped.
    expect(runCli(['--format', 'json', '.'], dir).status).toBe(0);
  });

  it('`lint lib` lints lib/dist when build output is all there is under it, and skips it beside sources', () => {
    const onlyDist = makeProject({ 'lib/dist/index.js': V2_CALL });
    const r = runCli(['--format', 'json', 'lib'], onlyDist);
    expect(r.status).toBe(1);
    expect(parseJson(r.stdout).map((x) => x.filePath.slice(onlyDist.length + 1))).toEqual(['lib/dist/index.js']);
    const both = makeProject({ 'lib/src/a.ts': 'export {};\n', 'lib/dist/index.js': V2_CALL });
    const b = runCli(['--format', 'json', 'lib'], both);
    expect(b.status).toBe(0);
    expect(parseJson(b.stdout).map((x) => x.filePath.slice(both.length + 1))).toEqual(['lib/src/a.ts']);
  });
});

describe('files over the 5 MB limit inside a tree', () => {
  it('are a warning when what was read names a V2 endpoint, and a --debug note otherwise', () => {
    const padding = '/* ' + 'x'.repeat(6 * 1024 * 1024) + ' */\n';
    const dir = makeProject({ 'vendor/huge.js': `${V2_CALL}${padding}`, 'vendor/data.js': `export default 1;${padding}`, 'src/a.ts': 'export {};\n' });
    const r = runCli(['--format', 'json', '--debug', '.'], dir);
    expect(r.status).toBe(0);
    const huge = parseJson(r.stdout).find((x) => x.filePath.endsWith('huge.js'))!;
    expect(huge.messages.map((m) => [m.ruleId, m.severity, m.message])).toEqual([[null, 1, expect.stringMatching(/^File not linted: it is over the 5 MB size limit/)]]);
    expect(parseJson(r.stdout).some((x) => x.filePath.endsWith('data.js'))).toBe(false);
    expect(r.stderr).toMatch(/skipped .*data\.js: larger than 5 MB/);
  });
});

describe('big bundled files', () => {
  it('a 2 MB minified file is text-scanned, not parsed: the full URL is reported with a warning saying why', () => {
    const filler = Array.from({ length: 60_000 }, (_, i) => `function f${i}(a){return a.progress+${i}}`).join(';');
    const dir = makeProject({ 'bundle.min.js': `${filler};${V2_CALL}`, 'quiet.min.js': `${filler};require("x")` });
    const r = runCli(['--format', 'json', '.'], dir);
    expect(r.status).toBe(1);
    const results = parseJson(r.stdout);
    const bundle = results.find((x) => x.filePath.endsWith('bundle.min.js'))!;
    expect(bundle.messages.filter((m) => !m.ruleId?.startsWith('v2-')).map((m) => [m.ruleId, m.severity])).toEqual([
      [null, 1],
      ['no-v2-upscale', 2],
    ]);
    expect(bundle.messages[0]!.message).toMatch(/^File not analysed: 2\.\d MB is over the 1 MB parse limit/);
    // A big file that never names Novita or a V2 path gets no warning.
    expect(results.find((x) => x.filePath.endsWith('quiet.min.js'))!.messages).toEqual([]);
  });
});

describe('component files', () => {
  it('.vue and .svelte script blocks are parsed as JS/TS, with the file\'s own lines', () => {
    const dir = makeProject({
      'App.vue': `<template>\n  <div>{{ s }}</div>\n</template>\n\n<script setup lang="ts">\nconst base = 'https://api.novita.ai';\nconst r = await fetch(\`\${base}/v2/upscale\`, { method: 'POST', body: JSON.stringify({ image: (<string>img) }) });\n</script>\n`,
      'Comp.svelte': `<script>\n  import axios from 'axios';\n  export let tid;\n  const p = axios.get('https://api.novita.ai/v2/progress', { params: { task_id: tid } });\n</script>\n\n<p>{tid}</p>\n`,
      'Other.vue': `<template><a href="https://example.com/v2/upscale">x</a></template>\n<script>\nconst u = 'https://example.com/v2/upscale';\nfetch(u);\n</script>\n`,
    });
    const results = parseJson(runCli(['--format', 'json', '.'], dir).stdout);
    expect(results.find((x) => x.filePath.endsWith('App.vue'))!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-v2-upscale', 7, 17], ['v2-param', 7, 86]]);
    expect(results.find((x) => x.filePath.endsWith('Comp.svelte'))!.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['no-v2-progress', 4, 13]]);
    expect(results.find((x) => x.filePath.endsWith('Other.vue'))!.messages).toEqual([]);
  });
});

