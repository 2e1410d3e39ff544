import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeProject, runCli, SAMPLE_APP } from './helpers.js';

const V2_CALL = "fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ image: img, upscaler_1: 'R-ESRGAN 4x+ Anime6B', upscaling_resize: 2 }) });\n";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string | null; severity: number; message: string; line: number; column: number; endLine?: number; endColumn?: number; fatal?: boolean }[];
  errorCount: number;
  warningCount: number;
}
const parseJson = (s: string) => JSON.parse(s) as JsonResult[];

describe('lint CLI', { timeout: 120_000 }, () => {
  it('reports the sample app with exit 1 and findings for every client style', () => {
    const r = runCli(['--format', 'json', '.'], SAMPLE_APP);
    expect(r.status).toBe(1);
    const results = parseJson(r.stdout);
    const flagged = results.filter((x) => x.messages.length > 0).map((x) => x.filePath.slice(SAMPLE_APP.length + 1)).sort();
    expect(flagged).toEqual([
      '.env.example',
      'deploy.yaml',
      'docs/upscaling.md',
      'scripts/upscale-cli.mjs',
      'scripts/upscale.py',
      'scripts/upscale.sh',
      'src/api/axios-client.ts',
      'src/api/other-clients.js',
      'src/api/upscale-and-wait.ts',
      'src/api/upscale-fetch.ts',
      'src/flows/bracket-reads.js',
      'src/jobs/sdk-worker.ts',
      'src/jobs/task-poller.ts',
      'src/legacy/http.cjs',
      'src/legacy/latin1.js',
      'src/legacy/poll.mjs',
      'src/ui/UpscaleButton.tsx',
    ]);
    // The server routes, log lines, A1111, other hosts, V3 calls, another service's /mj/v2/upscale and
    // novita-sdk 3.x code produce nothing.
    for (const quiet of ['routes.ts', 'midjourney-proxy.js', 'v3-worker/src/progress.ts']) {
      expect(results.find((x) => x.filePath.endsWith(quiet))?.messages, quiet).toEqual([]);
    }
  });

  it('prints ESLint\'s JSON shape with absolute paths', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const [result] = parseJson(runCli(['--format', 'json'], dir).stdout);
    // v2-param: each V2 field with its fate; the task id is not read, so fix keeps the body for the shim.
    const param = (name: string, fate: string) => {
      const column = V2_CALL.indexOf(name) + 1;
      const end = V2_CALL.indexOf(name === 'upscaling_resize' ? ' })' : ',', column);
      return { ruleId: 'v2-param', severity: 1, message: `${fate}; fix keeps it, as this call needs the compat shim: the task id is not read here, so its polls cannot be found`, line: 1, column, endLine: 1, endColumn: end + 1 };
    };
    expect(result).toEqual({
      filePath: join(dir, 'a.ts'),
      messages: [
        {
          ruleId: 'no-v2-upscale',
          severity: 2,
          message: expect.stringContaining('POST /v3/async/upscale'),
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: V2_CALL.trimEnd().length,
        },
        param('image', '`image` moves to `request.image_base64` on V3'),
        param('upscaler_1', '`upscaler_1` = "R-ESRGAN 4x+ Anime6B" moves to `request.model_name` as `RealESRGAN_x4plus_anime_6B` on V3'),
        param('upscaling_resize', '`upscaling_resize` = 2 moves to `request.scale_factor` on V3'),
      ],
      suppressedMessages: [],
      errorCount: 1,
      fatalErrorCount: 0,
      warningCount: 3,
      fixableErrorCount: 0,
      fixableWarningCount: 0,
      source: V2_CALL,
      usedDeprecatedRules: [],
    });
  });

  it('exits 0 on a clean tree and prints nothing in stylish', () => {
    const dir = makeProject({ 'a.ts': "fetch('https://api.novita.ai/v3/async/upscale');\n" });
    const r = runCli([], dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
  });

  it('stylish groups by file and ends with a summary', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const r = runCli(['.'], dir);
    expect(r.stdout).toContain(join(dir, 'a.ts'));
    expect(r.stdout).toMatch(/1:1\s+error\s+`POST \/v2\/upscale` is deprecated/);
    expect(r.stdout).toContain('✖ 4 problems (1 error, 3 warnings)'); // and v2-param's three fields
    expect(r.stdout).not.toContain('\u001b['); // no colours off a TTY
  });

  it('--quiet drops warnings; --max-warnings turns warnings into exit 1', () => {
    const dir = makeProject({ 'a.ts': "const r = await fetch('https://api.novita.ai/v2/upscale', { method: 'POST', body: JSON.stringify({ upscaler_1: 'ESRGAN_4x', image: x }) });\n" });
    const quiet = parseJson(runCli(['--quiet', '--format', 'json'], dir).stdout);
    expect(quiet[0]!.messages.map((m) => m.ruleId)).toEqual(['no-v2-upscale']);
    // Three warnings: v2-upscaler-name (`ESRGAN_4x`), and v2-param for `upscaler_1` and `image`.
    expect(runCli(['--rule', 'no-v2-upscale:off'], dir).status).toBe(0);
    expect(runCli(['--rule', 'no-v2-upscale:off', '--max-warnings', '2'], dir).status).toBe(1);
    expect(runCli(['--rule', 'no-v2-upscale:off', '--max-warnings', '3'], dir).status).toBe(0);
  });

  it('--rule changes a level and rejects unknown rules with exit 2', () => {
    const dir = makeProject({ 'a.ts': V2_CALL });
    const r = parseJson(runCli(['--rule', 'no-v2-upscale:warn', '--format', 'json'], dir).stdout);
    expect(r[0]!.messages[0]!.severity).toBe(1);
    const bad = runCli(['--rule', 'no-such-rule:error'], dir);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/unknown rule "no-such-rule"/);
    expect(bad.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('reads novita-migrate.config.json and package.json#novita-migrate; a bad config is exit 2', () => {
    const dir = makeProject({ 'a.ts': V2_CALL, 'novita-migrate.config.json': JSON.stringify({ rules: { 'no-v2-upscale': 'off' } }) });
    expect(runCli([], dir).status).toBe(0);
    const pkg = makeProject({ 'a.ts': V2_CALL, 'package.json': JSON.stringify({ name: 'x', 'novita-migrate': { ignorePatterns: ['a.ts'] } }) });
    expect(runCli([], pkg).status).toBe(0);
    const bad = makeProject({ 'a.ts': V2_CALL, 'novita-migrate.config.json': '{ nope' });
    const r = runCli([], bad);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/invalid JSON/);
  });

  it('reports a file that does not parse as fatal and goes on', () => {
    const dir = makeProject({ 'broken.ts': 'const x = {\n  upscale: "/v2/upscale"\n', 'good.ts': V2_CALL });
    const before = readFileSync(join(dir, 'broken.ts'), 'utf8');
    const r = runCli(['--format', 'json'], dir);
    expect(r.status).toBe(1);
    const results = parseJson(r.stdout);
    const broken = results.find((x) => x.filePath.endsWith('broken.ts'))!;
    expect(broken.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2 });
    expect(broken.messages[0]!.message).toMatch(/^Parsing error: /);
    expect(results.find((x) => x.filePath.endsWith('good.ts'))!.errorCount).toBe(1);
    expect(readFileSync(join(dir, 'broken.ts'), 'utf8')).toBe(before);
  });

  it('parses <T>x assertions in .ts and JSX in .tsx', () => {
    const dir = makeProject({ 'a.ts': `const u = <string>'https://api.novita.ai/v2/upscale';\nfetch(u);\n`, 'b.tsx': `const el = <div />;\nfetch('https://api.novita.ai/v2/progress?task_id=1');\n` });
    const results = parseJson(runCli(['--format', 'json'], dir).stdout);
    expect(results.map((x) => x.messages.map((m) => m.ruleId))).toEqual([['no-v2-upscale'], ['no-v2-progress']]);
  });

  it('honours disable comments', () => {
    const dir = makeProject({
      'a.ts': `// novita-migrate-disable-next-line no-v2-upscale\n${V2_CALL}/* novita-migrate-disable */\n${V2_CALL}/* novita-migrate-enable */\n${V2_CALL}${V2_CALL.trimEnd()} // novita-migrate-disable-line\n`,
      'b.py': '# novita-migrate-disable-next-line\nURL = "https://api.novita.ai/v2/upscale"\n',
    });
    const results = parseJson(runCli(['--format', 'json'], dir).stdout);
    // Line 2 disables no-v2-upscale only: v2-param's three fields there stay; line 6 is not disabled at all.
    expect(results.find((x) => x.filePath.endsWith('a.ts'))!.messages.map((m) => `${m.line}:${m.ruleId}`)).toEqual([
      ...Array(3).fill('2:v2-param'),
      '6:no-v2-upscale',
      ...Array(3).fill('6:v2-param'),
    ]);
    expect(results.find((x) => x.filePath.endsWith('b.py'))!.messages).toEqual([]);
  });

  it('respects .gitignore, --ignore-pattern and the default skips; skips binary, huge and broken files', () => {
    const dir = makeProject({
      '.gitignore': 'generated/\n',
      'generated/a.ts': V2_CALL,
      'node_modules/x/index.js': V2_CALL,
      'dist/a.js': V2_CALL,
      'build/a.js': V2_CALL,
      'coverage/a.js': V2_CALL,
      '.cache/a.js': V2_CALL,
      'vendor/a.js': V2_CALL,
      'sub/.gitignore': 'local.ts\n',
      'sub/local.ts': V2_CALL,
      'bin.dat': Buffer.concat([Buffer.from('https://api.novita.ai/v2/upscale'), Buffer.from([0, 1, 2])]),
      'huge.js': `${V2_CALL}${' '.repeat(5 * 1024 * 1024)}`,
      'empty.ts': '',
      'kept.ts': V2_CALL,
    });
    symlinkSync(join(dir, 'missing'), join(dir, 'broken-link.ts'));
    symlinkSync(dir, join(dir, 'sub', 'loop'));
    const r = runCli(['--format', 'json', '--ignore-pattern', 'vendor/', '--debug'], dir);
    const flagged = parseJson(r.stdout).filter((x) => x.messages.length).map((x) => x.filePath.slice(dir.length + 1));
    // The huge file is not linted, but what was read of it names a V2 endpoint: a warning says so.
    expect(flagged).toEqual(['huge.js', 'kept.ts']);
    expect(parseJson(r.stdout).find((x) => x.filePath.endsWith('huge.js'))!.messages.map((m) => [m.ruleId, m.severity])).toEqual([[null, 1]]);
    expect(r.stderr).toMatch(/broken symlink/);
    expect(r.stderr).toMatch(/larger than 5 MB/);
    expect(r.stderr).toMatch(/binary/);
    expect(r.stderr).toMatch(/symlink loop/);
  });

  it('a path that does not exist is exit 2 with a one-line message', () => {
    const r = runCli(['nope/'], makeProject({}));
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('novita-migrate: No such file or directory: nope/');
  });

  it('rules lists every rule; --version and --help work', () => {
    const dir = makeProject({});
    expect(runCli(['rules'], dir).stdout).toMatch(/no-v2-upscale\s+error/);
    expect(runCli(['--version'], dir).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    expect(runCli(['--help'], dir).stdout).toContain('--max-warnings');
  });

  it('--format github prints annotations; --output-file writes the report', () => {
    const dir = makeProject({ 'src/a, b.ts': V2_CALL });
    const gh = runCli(['--format', 'github'], dir).stdout.trim();
    expect(gh).toMatch(/^::error file=src\/a%2C b\.ts,line=1,col=1,endLine=1,endColumn=\d+,title=no-v2-upscale::`POST \/v2\/upscale` is deprecated/);
    const out = join(dir, 'report.sarif');
    const r = runCli(['--format', 'sarif', '--output-file', out], dir);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8'));
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].results[0]).toMatchObject({ ruleId: 'no-v2-upscale', level: 'error', locations: [{ physicalLocation: { artifactLocation: { uri: 'src/a%2C%20b.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 1, startColumn: 1 } } }] });
    expect(log.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toContain('v2-response-shape');
  });
});
