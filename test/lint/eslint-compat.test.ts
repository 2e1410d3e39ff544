/** The lint CLI behaves as ESLint 9 does where a CI gate or a user's ESLint habits meet it. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CLI, makeProject, runCli } from './helpers.js';

const V2_CALL = "fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: img, img_expire_ttl: 600 }) });\n";

interface JsonMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
  suppressions?: { kind: string; justification: string }[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
  source?: string;
}
const parseJson = (s: string) => JSON.parse(s) as JsonResult[];
const ruleIds = (r: JsonResult) => r.messages.map((m) => `${m.ruleId}:${m.severity}`);

function runWithInput(args: string[], cwd: string, input: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('flags and arguments', { timeout: 120_000 }, () => {
  it('an invalid choice names the option and the allowed values, for every command', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const format = runCli(['--format', 'xml'], dir);
    expect(format.status).toBe(2);
    expect(format.stderr).toMatch(/^novita-migrate: --format: "xml" is neither a built-in format \(stylish, json, sarif, github\) nor a formatter module/);
    const unsupported = runCli(['fix', '--unsupported=foo', '--dry'], dir);
    expect(unsupported.status).toBe(2);
    expect(unsupported.stderr).toBe('novita-migrate: --unsupported: invalid value "foo" (choose from "shim", "comment")\n');
    const backend = runCli(['shim', 'serve', '--backend', 'foo'], dir);
    expect(backend.status).toBe(2);
    expect(backend.stderr).toMatch(/^novita-migrate: --backend: invalid value "foo" \(choose from "novita", "local"\)\n$/);
  });

  it('a repeated flag keeps its last value: --format, -o, --max-warnings', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const r = runCli(['--format', 'stylish', '--format', 'json'], dir);
    expect(r.status).toBe(1);
    expect(parseJson(r.stdout)[0]!.errorCount).toBe(1);
    expect(runCli(['-f', 'json', '-o', 'first.json', '-o', 'second.json'], dir).stdout).toBe('');
    expect(existsSync(join(dir, 'first.json'))).toBe(false);
    expect(parseJson(readFileSync(join(dir, 'second.json'), 'utf8'))).toHaveLength(1);
    const warningsOnly = ['--rule', 'no-v2-upscale:off']; // two v2-param warnings: `image` and `img_expire_ttl`
    expect(runCli([...warningsOnly, '--max-warnings', '0', '--max-warnings', '2'], dir).status).toBe(0);
    const over = runCli([...warningsOnly, '--max-warnings', '2', '--max-warnings', '0'], dir);
    expect(over.status).toBe(1);
    expect(over.stderr).toBe('novita-migrate found too many warnings (maximum: 0).\n');
  });

  it('`npm run lint -- --format json` overrides the script\'s own --format', () => {
    const dir = makeProject({ 'src/a.ts': V2_CALL, 'package.json': JSON.stringify({ name: 'app', private: true, scripts: { lint: `node ${JSON.stringify(CLI)} --format stylish src` } }) });
    const r = spawnSync('npm', ['run', '--silent', 'lint', '--', '--format', 'json'], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    expect(r.status).toBe(1);
    expect(parseJson(r.stdout)[0]!.filePath).toBe(join(dir, 'src/a.ts'));
  });

  it('a run that checks no file exits 2: empty directory, everything ignored, a glob matching nothing', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    mkdirSync(join(dir, 'empty'));
    const cases: [string[], string][] = [
      [['empty'], 'novita-migrate: No files matching the pattern "empty" were found (the directory is empty, or everything in it is ignored).\n'],
      [['--ignore-pattern', '*.ts', '.'], 'novita-migrate: No files matching the pattern "." were found (the directory is empty, or everything in it is ignored).\n'],
      [['--ignore-pattern', 'a.ts', 'a.ts'], 'novita-migrate: All files matched by "a.ts" are ignored.\n'],
      [['src/**/*.ts'], 'novita-migrate: No files matching the pattern "src/**/*.ts" were found.\n'],
      [['.', 'empty'], 'novita-migrate: No files matching the pattern "empty" were found (the directory is empty, or everything in it is ignored).\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = runCli(args, dir);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(stderr);
      expect(r.stdout).toBe('');
    }
    // ESLint's opt-out.
    expect(runCli(['--no-error-on-unmatched-pattern', 'empty'], dir).status).toBe(0);
  });

  it('quoted globs select files, and ignore rules still apply to what they match', () => {
    const dir = makeProject({
      '.gitignore': 'src/generated/\n',
      'src/a.ts': V2_CALL,
      'src/deep/b.ts': V2_CALL,
      'src/c.js': V2_CALL,
      'src/generated/d.ts': V2_CALL,
      'src/node_modules/e.ts': V2_CALL,
      'other/f.ts': V2_CALL,
    });
    const r = runCli(['--format', 'json', 'src/**/*.ts'], dir);
    expect(r.status).toBe(1);
    expect(parseJson(r.stdout).map((x) => x.filePath)).toEqual([join(dir, 'src/a.ts'), join(dir, 'src/deep/b.ts')]);
    const two = parseJson(runCli(['--format', 'json', 'src/*.{ts,js}', 'other'], dir).stdout).map((x) => x.filePath);
    expect(two).toEqual([join(dir, 'other/f.ts'), join(dir, 'src/a.ts'), join(dir, 'src/c.js')]);
  });

  it('--rule takes ESLint\'s spellings', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const json = (...rule: string[]) => parseJson(runCli(['--format', 'json', ...rule.flatMap((x) => ['--rule', x])], dir).stdout)[0]!;
    // v2-param reports both V2 fields of the body (`image`, `img_expire_ttl`).
    expect(ruleIds(json())).toEqual(['no-v2-upscale:2', 'v2-param:1', 'v2-param:1']);
    expect(ruleIds(json('no-v2-upscale: off', 'v2-param:0'))).toEqual([]);
    expect(ruleIds(json('novita-migrate/no-v2-upscale:warn', 'v2-param: 2'))).toEqual(['no-v2-upscale:1', 'v2-param:2', 'v2-param:2']);
    expect(ruleIds(json('{"no-v2-upscale": "off", "novita-migrate/v2-param": ["error"]}'))).toEqual(['v2-param:2', 'v2-param:2']);
    expect(ruleIds(json('no-v2-upscale: off, v2-param: error'))).toEqual(['v2-param:2', 'v2-param:2']);
    const bad = runCli(['--rule', 'v2-param: loud'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('novita-migrate: --rule: rule "v2-param" level must be off, warn or error\n');
    expect(runCli(['--rule', 'v2-param: [error, {"x": 1}]'], dir).stderr).toMatch(/rule "v2-param" takes no options/);
  });

  it('--fix points to the fix command (exit 2)', () => {
    const r = runCli(['--fix', '.'], makeProject({ 'a.ts': V2_CALL }));
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('novita-migrate: --fix is not a lint option: rewrite the calls with "novita-migrate fix [paths..]" (add --dry to print the diff without writing)\n');
  });

  it('--stdin with and without --stdin-filename', () => {
    const dir = makeProject({});
    const named = runWithInput(['--stdin', '--stdin-filename', 'src/x.ts', '--format', 'json'], dir, V2_CALL);
    expect(named.status).toBe(1);
    expect(parseJson(named.stdout)[0]).toMatchObject({ filePath: join(dir, 'src/x.ts'), errorCount: 1, source: V2_CALL });
    const anonymous = runWithInput(['--stdin', '--format', 'json'], dir, V2_CALL);
    expect(parseJson(anonymous.stdout)[0]!.filePath).toBe('<text>');
    const clean = runWithInput(['--stdin'], dir, 'fetch("https://api.novita.ai/v3/async/upscale");\n');
    expect([clean.status, clean.stdout]).toEqual([0, '']);
    // A Python file on stdin is scanned as text, as on disk.
    const py = runWithInput(['--stdin', '--stdin-filename', 'job.py', '--format', 'json'], dir, 'URL = "https://api.novita.ai/v2/progress"\n');
    expect(ruleIds(parseJson(py.stdout)[0]!)).toEqual(['no-v2-progress:2']);
    expect(runWithInput(['--stdin', 'src'], dir, V2_CALL).stderr).toMatch(/^novita-migrate: --stdin lints the code on stdin: give no paths/);
    expect(runCli(['--stdin-filename', 'x.ts'], dir).status).toBe(2);
  });

  it('-c/--config uses that file only; --no-config-lookup uses none', () => {
    const dir = makeProject({
      'a.ts': V2_CALL,
      'novita-migrate.config.json': JSON.stringify({ rules: { 'no-v2-upscale': 'off', 'v2-param': 'off' } }),
      'ci/strict.json': JSON.stringify({ rules: { 'v2-param': 'error' } }),
    });
    expect(runCli([], dir).status).toBe(0);
    expect(ruleIds(parseJson(runCli(['--no-config-lookup', '-f', 'json'], dir).stdout)[0]!)).toEqual(['no-v2-upscale:2', 'v2-param:1', 'v2-param:1']);
    expect(ruleIds(parseJson(runCli(['-c', 'ci/strict.json', '-f', 'json'], dir).stdout)[0]!)).toEqual(['no-v2-upscale:2', 'v2-param:2', 'v2-param:2']);
    const missing = runCli(['--config', 'nope.json'], dir);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe(`novita-migrate: cannot read the config file ${join(dir, 'nope.json')}: no such file\n`);
  });

  it('TypeScript syntax in a .js file is linted, not a parse error', () => {
    const dir = makeProject({ 'a.js': "const url: string = 'https://api.novita.ai/v2/upscale';\nfetch(url as string, { method: 'POST' });\n", 'broken.js': 'const x = {\n  upscale: "/v2/upscale"\n' });
    const results = parseJson(runCli(['--format', 'json'], dir).stdout);
    expect(ruleIds(results[0]!)).toEqual(['no-v2-upscale:2']);
    // Broken either way: still the JavaScript parse error, with the file's text as ESLint's `source`.
    expect(results[1]!.messages[0]).toMatchObject({ ruleId: null, fatal: true, message: expect.stringMatching(/^Parsing error: /) });
    expect(results[1]!.source).toBe('const x = {\n  upscale: "/v2/upscale"\n');
  });
});

describe('custom formatters (ESLint\'s signature)', { timeout: 120_000 }, () => {
  it('-f ./formatter.js, a CommonJS one, and an eslint-formatter-NAME package', () => {
    const dir = makeProject({
      'src/a.ts': `// novita-migrate-disable-next-line v2-param\n${V2_CALL}`,
      'formatter.mjs': 'export default async (results, context) => results.map((r) => `${r.filePath.slice(context.cwd.length + 1)} ${r.errorCount}/${r.warningCount} suppressed=${r.suppressedMessages.length} ${Object.keys(context.rulesMeta).join(",")} ${JSON.stringify(context.maxWarningsExceeded ?? null)}`).join("\\n");\n',
      'tools/count.cjs': 'module.exports = (results) => `${results.reduce((n, r) => n + r.messages.length, 0)} problems`;\n',
      'node_modules/eslint-formatter-tally/index.js': 'module.exports = (results) => `tally ${results.length}`;\n',
      'node_modules/eslint-formatter-tally/package.json': '{ "name": "eslint-formatter-tally", "main": "index.js" }',
    });
    const r = runCli(['-f', './formatter.mjs', 'src'], dir);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('src/a.ts 1/0 suppressed=2 no-v2-upscale,no-v2-progress,v2-param,v2-upscaler-name,v2-response-shape,v2-read-on-v3 null\n');
    expect(runCli(['-f', 'tools/count.cjs', 'src'], dir).stdout).toBe('1 problems\n');
    expect(runCli(['-f', 'tally', 'src'], dir).stdout).toBe('tally 1\n');
    expect(runCli(['-f', './formatter.mjs', '--rule', 'no-v2-upscale:warn', '--max-warnings', '0', 'src'], dir).stdout).toMatch(/\{"maxWarnings":0,"foundWarnings":1\}\n$/);
    const notAFunction = makeProject({ 'a.ts': V2_CALL, 'f.mjs': 'export default 42;\n' });
    expect(runCli(['-f', './f.mjs'], notAFunction).stderr).toMatch(/^novita-migrate: --format: .*f\.mjs does not export a formatter function/);
  });
});

describe('colour', { timeout: 120_000 }, () => {
  /** Runs the CLI as if stdout were a terminal, with FORCE_COLOR / NO_COLOR only as given. */
  function onTty(env: Record<string, string>, args: string[], cwd: string): string {
    const clean: NodeJS.ProcessEnv = { ...process.env };
    delete clean.FORCE_COLOR;
    delete clean.NO_COLOR;
    return spawnSync(process.execPath, ['--import', 'data:text/javascript,process.stdout.isTTY=true', CLI, ...args], { cwd, encoding: 'utf8', env: { ...clean, ...env } }).stdout;
  }
  const ESC = '\u001b[';

  it('on a TTY by default; off with FORCE_COLOR=0 or NO_COLOR; FORCE_COLOR=1 and --color force it on', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    expect(onTty({}, [], dir)).toContain(ESC);
    expect(onTty({ FORCE_COLOR: '0' }, [], dir)).not.toContain(ESC);
    expect(onTty({ FORCE_COLOR: 'false' }, [], dir)).not.toContain(ESC);
    expect(onTty({ NO_COLOR: '1' }, [], dir)).not.toContain(ESC);
    expect(onTty({ FORCE_COLOR: '0' }, ['--color'], dir)).toContain(ESC);
    expect(runCli([], dir).stdout).not.toContain(ESC);
    expect(spawnSync(process.execPath, [CLI], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '1' } }).stdout).toContain(ESC);
  });
});

describe('reports', { timeout: 120_000 }, () => {
  it('SARIF URIs and github annotations name the same path, from GITHUB_WORKSPACE or the working directory', () => {
    const repo = makeProject({ 'packages/app/src/a.ts': V2_CALL });
    const app = join(repo, 'packages/app');
    const run = (format: string, workspace: string | undefined) =>
      spawnSync(process.execPath, [CLI, '--format', format, 'src'], { cwd: app, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', GITHUB_WORKSPACE: workspace ?? '' } }).stdout;
    for (const [workspace, expected, root] of [
      [repo, 'packages/app/src/a.ts', repo],
      [undefined, 'src/a.ts', app],
    ] as const) {
      const sarif = JSON.parse(run('sarif', workspace));
      const location = sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation;
      expect(location).toEqual({ uri: expected, uriBaseId: '%SRCROOT%' });
      expect(sarif.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe(`${pathToFileURL(root).href}/`);
      expect(run('github', workspace)).toMatch(new RegExp(`^::error file=${expected.replace(/\./g, '\\.')},line=1,`));
    }
  });

  it('honours ESLint-form disable comments for our rules, and lists what they suppressed', () => {
    const dir = makeProject({
      'a.ts': [
        '// eslint-disable-next-line novita-migrate/no-v2-upscale, novita-migrate/v2-param -- legacy, removed in Q3',
        V2_CALL.trimEnd(),
        '// eslint-disable-next-line no-console',
        V2_CALL.trimEnd(),
        `${V2_CALL.trimEnd()} // eslint-disable-line`,
        '/* eslint-disable novita-migrate/v2-param */',
        V2_CALL.trimEnd(),
        '/* eslint-enable novita-migrate/v2-param */',
        V2_CALL.trimEnd(),
        '',
      ].join('\n'),
    });
    const [result] = parseJson(runCli(['--format', 'json'], dir).stdout);
    // Each call has two V2 fields (`image`, `img_expire_ttl`): two v2-param findings per line.
    expect(result!.messages.map((m) => `${m.line}:${m.ruleId}`)).toEqual(['4:no-v2-upscale', '4:v2-param', '4:v2-param', '7:no-v2-upscale', '9:no-v2-upscale', '9:v2-param', '9:v2-param']);
    expect(result!.suppressedMessages.map((m) => `${m.line}:${m.ruleId}`)).toEqual(['2:no-v2-upscale', '2:v2-param', '2:v2-param', '5:no-v2-upscale', '5:v2-param', '5:v2-param', '7:v2-param', '7:v2-param']);
    expect(result!.suppressedMessages[0]!.suppressions).toEqual([{ kind: 'directive', justification: 'legacy, removed in Q3' }]);
  });

  it('--report-unused-disable-directives reports novita-migrate-disable comments that suppress nothing', () => {
    const dir = makeProject({
      'a.ts': `// novita-migrate-disable-next-line no-v2-upscale, v2-upscaler-name\n${V2_CALL}// novita-migrate-disable-next-line\nconst done = true;\n`,
    });
    expect(runCli([], dir).status).toBe(0); // v2-param warnings alone do not fail the run
    const asErrors = runCli(['--format', 'json', '--report-unused-disable-directives'], dir);
    expect(asErrors.status).toBe(1);
    const messages = parseJson(asErrors.stdout)[0]!.messages;
    expect(messages.filter((m) => m.ruleId === null)).toEqual([
      { ruleId: null, severity: 2, message: "Unused novita-migrate-disable directive (no problems were reported from 'v2-upscaler-name').", line: 1, column: 1 },
      { ruleId: null, severity: 2, message: 'Unused novita-migrate-disable directive (no problems were reported).', line: 3, column: 1 },
    ]);
    const asWarnings = parseJson(runCli(['--format', 'json', '--report-unused-disable-directives-severity', 'warn'], dir).stdout)[0]!;
    expect(asWarnings.messages.filter((m) => m.ruleId === null).map((m) => m.severity)).toEqual([1, 1]);
    expect(runCli(['--report-unused-disable-directives', '--report-unused-disable-directives-severity', 'warn'], dir).status).toBe(2);
  });
});

describe('--help', { timeout: 120_000 }, () => {
  it('lists every lint flag the README lists', () => {
    const help = runCli(['--help'], makeProject({})).stdout;
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const table = readme.slice(readme.indexOf('### Flags'), readme.indexOf('### Configuration'));
    const rows = table.split('\n').filter((l) => l.startsWith('| `--'));
    const flags = rows.flatMap((row) => [...row.split(' | ')[0]!.matchAll(/`(--[a-z-]+)/g)].map((m) => m[1]!)).filter((f) => f !== '--help' && f !== '--version');
    expect(flags.length).toBeGreaterThan(15);
    for (const flag of flags) expect(help, flag).toContain(flag.replace(/^--no-/, '--'));
  });
});
