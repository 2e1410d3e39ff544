/**
 * The acceptance test of `fix`: every task flow of the sample app is RUN,
 * unmodified, with the real client libraries, before and after `fix`.
 * Before: against V2 (the project's own `shim serve --backend local` behind
 * the Novita host). After: against the fake V3 (plus V2 for what fix left on
 * V2, and for pre-existing V2 task ids). Each flow must give what its V2
 * original gave; what fix left untouched must still be reported by lint.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAppCopy, runDriver, startFakeNovita, type DriverRun, type FakeNovita } from './harness/index.js';
import { runCli, SAMPLE_APP } from '../lint/helpers.js';

type Outcome = Record<string, { ok: boolean; width?: number; height?: number; error?: string }>;

const DRIVER = fileURLToPath(new URL('./drivers/sample-app-flows.mjs', import.meta.url));
const TXT2IMG_ID = 'v2-txt2img-0001';
const REPO_MODULES = fileURLToPath(new URL('../../node_modules', import.meta.url));
const TSC = join(REPO_MODULES, 'typescript', 'bin', 'tsc');

let fake: FakeNovita;
let fixedSource: string;
let fixSummary: string;
let before: DriverRun<Outcome>;
let after: DriverRun<Outcome>;
const copies: string[] = [];

beforeAll(async () => {
  fake = await startFakeNovita({ v2Reference: true, pollsPerStage: 1 });
  const png = await sharp({ create: { width: 40, height: 32, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .composite([{ input: { create: { width: 10, height: 10, channels: 3, background: { r: 250, g: 250, b: 10 } } }, left: 5, top: 5 }])
    .png()
    .toBuffer();
  fake.seedV2Task(TXT2IMG_ID, { status: 2, imgs: [fake.hostImage(png, 'image/png')], runningPolls: 1 });
  const args = [png.toString('base64'), TXT2IMG_ID];

  fixedSource = mkdtempSync(join(tmpdir(), 'nm-sample-fixed-'));
  cpSync(SAMPLE_APP, fixedSource, { recursive: true });
  fixSummary = runCli(['fix', '.'], fixedSource).stderr;

  const original = prepareAppCopy(SAMPLE_APP);
  const fixed = prepareAppCopy(fixedSource);
  copies.push(original, fixed, fixedSource);
  before = await runDriver<Outcome>({ cwd: original, driver: DRIVER, args, fake, timeoutMs: 240_000 });
  const v2Calls = fake.requests.length;
  after = await runDriver<Outcome>({ cwd: fixed, driver: DRIVER, args, fake, timeoutMs: 240_000 });
  afterRequests = fake.requests.slice(v2Calls);
}, 600_000);

let afterRequests: FakeNovita['requests'] = [];

afterAll(async () => {
  await fake?.close();
  for (const dir of copies) rmSync(dir, { recursive: true, force: true });
});

const explain = (run: DriverRun<unknown>) => `exit ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-4000)}`;

/** `tsc --strict --noEmit` diagnostics without positions (lines move when fix edits), one per line. */
function typeErrors(dir: string): string[] {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules, { recursive: true });
  for (const name of readdirSync(REPO_MODULES)) if (!name.startsWith('.') && !existsSync(join(modules, name))) symlinkSync(join(REPO_MODULES, name), join(modules, name), 'dir');
  if (!existsSync(join(modules, 'novita-migrate-shim'))) symlinkSync(fileURLToPath(new URL('../../packages/shim', import.meta.url)), join(modules, 'novita-migrate-shim'), 'dir');
  const r = spawnSync(process.execPath, [TSC, '-p', 'tsconfig.json', '--noEmit', '--pretty', 'false'], { cwd: dir, encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l.includes('error TS')).map((l) => l.replace(/\(\d+,\d+\)/, '')).sort();
}

describe('the sample app after fix', () => {
  it('type-checks under strict TypeScript with no error the original did not have', () => {
    const original = mkdtempSync(join(tmpdir(), 'nm-sample-orig-'));
    copies.push(original);
    cpSync(SAMPLE_APP, original, { recursive: true });
    const before = typeErrors(original);
    const after = typeErrors(fixedSource);
    const added = after.filter((e) => {
      const i = before.indexOf(e);
      if (i < 0) return true;
      before.splice(i, 1);
      return false;
    });
    expect(added).toEqual([]);
  });

  it('ran every flow of the V2 original', () => {
    expect(before.result, explain(before)).toBeDefined();
    for (const [name, o] of Object.entries(before.result!)) expect(o, `original: ${name}`).toMatchObject({ ok: true });
  });

  it('runs every flow with the same result as its V2 original: zero broken flows', () => {
    expect(after.result, explain(after)).toBeDefined();
    expect(Object.keys(after.result!)).toEqual(Object.keys(before.result!));
    for (const [name, o] of Object.entries(before.result!)) expect(after.result![name], `${name}\n${fixSummary}\n${explain(after)}`).toEqual(o);
  });

  it('upscales through V3: the only V2 submit left is the file fix could not edit (Latin-1)', () => {
    const v2Submits = afterRequests.filter((r) => r.path === '/v2/upscale');
    const v3Submits = afterRequests.filter((r) => r.path === '/v3/async/upscale');
    expect(v2Submits).toHaveLength(1);
    expect(v3Submits.length).toBeGreaterThan(10);
  });

  it('says per call what it did, and lint still reports exactly the calls it left, each under its TODO', () => {
    expect(fixSummary).toMatch(/src\/api\/upscale-and-wait\.ts:5\s+V3\s+upscale/);
    expect(fixSummary).toMatch(/src\/api\/upscale-and-wait\.ts:14\s+V3\s+progress/);
    expect(fixSummary).toMatch(/src\/legacy\/latin1\.js\s+skipped\s+not valid UTF-8/);
    expect(fixSummary).toMatch(/src\/ui\/UpscaleButton\.tsx:7\s+TODO/);
    expect(fixSummary).toMatch(/scripts\/upscale-cli\.mjs:6\s+TODO\s+the task id is printed/);
    expect(fixSummary).toContain('package.json: added the shim runtime to "dependencies"');
    const lint = JSON.parse(runCli(['--format', 'json', '.'], fixedSource).stdout) as { filePath: string; messages: { ruleId: string; line: number }[] }[];
    const left = lint.flatMap((f) => f.messages.filter((m) => ['no-v2-upscale', 'no-v2-progress'].includes(m.ruleId) && /\.(?:[cm]?[jt]sx?)$/.test(f.filePath)).map((m) => ({ file: f.filePath, line: m.line })));
    expect(left.map((l) => l.file.slice(fixedSource.length + 1)).sort()).toEqual(['scripts/upscale-cli.mjs', 'src/legacy/latin1.js', 'src/ui/UpscaleButton.tsx']);
    for (const { file, line } of left) {
      if (file.endsWith('latin1.js')) continue; // not written at all: byte-identical
      const above = readFileSync(file, 'utf8').split('\n').slice(Math.max(0, line - 4), line).join('\n');
      expect(above, `${file}:${line}`).toContain('TODO(novita-migrate)');
    }
    expect(readFileSync(join(fixedSource, 'src/legacy/latin1.js')).equals(readFileSync(join(SAMPLE_APP, 'src/legacy/latin1.js')))).toBe(true);
  });

  it('leaves other services and novita-sdk 3.x code byte-identical', () => {
    for (const rel of ['src/flows/midjourney-proxy.js', 'src/server/routes.ts', 'packages/v3-worker/src/progress.ts']) {
      expect(readFileSync(join(fixedSource, rel), 'utf8'), rel).toBe(readFileSync(join(SAMPLE_APP, rel), 'utf8'));
    }
  });
});
