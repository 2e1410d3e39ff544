/**
 * The fix fixtures that rewrite a whole flow (to V3, or to the shim) are RUN:
 * each input (the V2 original) against V2, each expected output against the
 * fake V3, with the real clients. The output must give what the input gave.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareAppCopy, runDriver, startFakeNovita, type DriverRun, type FakeNovita } from './harness/index.js';

type Outcome = Record<string, { ok: boolean; width?: number; height?: number; error?: string }>;

const FIXTURES = fileURLToPath(new URL('../../__fixtures__/fix', import.meta.url));
const DRIVER = fileURLToPath(new URL('./drivers/exported-flows.mjs', import.meta.url));
/** fixture -> [source file, the flow function(s) it exports, how fix rewrites it]. */
const FLOWS: Record<string, [file: string, exported: string | string[], outcome: string]> = {
  'flow-closed-v3': ['input.ts', 'upscaleAndWait', 'plain V3 (fetch)'],
  'flow-linked-v3': ['input.js', ['upscale', 'upscaleInline'], 'plain V3 (fetch, submit and poller in private helpers)'],
  'format-double-tabs-nosemi': ['input.js', 'upscale', 'plain V3 (fetch, do/while poll)'],
  'sdk-enum-closed-flow': ['input.ts', 'upscaleWithSdk', 'plain V3 (novita-sdk upscaleV3/progressV3)'],
  'flow-closed-shim': ['input.ts', 'restoreAndWait', 'the shim, submit and poll together (axios adapter)'],
  'compiled-awaiter-v3': ['input.cjs', 'upscaleAndWait', 'plain V3 (tsc ES2015 output, reads through yield)'],
  'response-yield-generator': ['input.cjs', 'upscaleAndWait', 'the shim (tsc ES5 output, __generator states)'],
  'response-bracket-access': ['input.js', 'upscaleAndWait', 'the shim (responses read with bracket access)'],
  'response-optional-chain': ['input.js', 'upscaleAndWait', 'the shim (responses read through ?.)'],
  'response-satisfies': ['input.ts', 'upscaleAndWait', 'the shim (responses read through satisfies)'],
};

/** The module a fixture becomes in the app: TypeScript is compiled to `.js`; `.cjs` stays CommonJS. */
const moduleOf = (fixture: string, file: string): string => `${fixture}${file.endsWith('.cjs') ? '.cjs' : '.js'}`;

let fake: FakeNovita;
let before: DriverRun<Outcome>;
let after: DriverRun<Outcome>;
const dirs: string[] = [];

/** A runnable app holding each fixture's input (or output) as `<fixture>.<ext>`. */
function appOf(side: 'input' | 'output'): { dir: string; specs: string[] } {
  const src = mkdtempSync(join(tmpdir(), `nm-fixture-${side}-`));
  writeFileSync(join(src, 'package.json'), '{ "type": "module" }\n');
  const specs: string[] = [];
  for (const [fixture, [file, exported]] of Object.entries(FLOWS)) {
    const ext = file.slice(file.indexOf('.'));
    copyFileSync(join(FIXTURES, fixture, file.replace('input', side)), join(src, fixture + ext));
    for (const name of [exported].flat()) specs.push(`${moduleOf(fixture, file)}#${name}`);
  }
  const dir = prepareAppCopy(src);
  dirs.push(src, dir);
  return { dir, specs };
}

beforeAll(async () => {
  fake = await startFakeNovita({ v2Reference: true, pollsPerStage: 1 });
  const image = (await sharp({ create: { width: 40, height: 32, channels: 3, background: { r: 90, g: 30, b: 160 } } }).png().toBuffer()).toString('base64');
  const original = appOf('input');
  const fixed = appOf('output');
  before = await runDriver<Outcome>({ cwd: original.dir, driver: DRIVER, args: [image, ...original.specs], fake, timeoutMs: 120_000 });
  const v2Requests = fake.requests.length;
  after = await runDriver<Outcome>({ cwd: fixed.dir, driver: DRIVER, args: [image, ...fixed.specs], fake, timeoutMs: 120_000 });
  afterPaths = fake.requests.slice(v2Requests).map((r) => r.path);
}, 300_000);

let afterPaths: string[] = [];

afterAll(async () => {
  await fake?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

const explain = (run: DriverRun<unknown>) => `exit ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\nstdout: ${run.stdout.slice(-2000)}\nstderr: ${run.stderr.slice(-3000)}`;

describe('fix fixtures, executed', () => {
  for (const [fixture, [file, exported, outcome]] of Object.entries(FLOWS)) {
    for (const name of [exported].flat()) {
      it(`${fixture}#${name}: the output (${outcome}) gives what the V2 input gave`, () => {
        const spec = `${moduleOf(fixture, file)}#${name}`;
        expect(before.result?.[spec], explain(before)).toMatchObject({ ok: true, width: 80, height: 64 });
        expect(after.result?.[spec], explain(after)).toEqual(before.result?.[spec]);
      });
    }
  }

  it('the outputs never call V2', () => {
    expect(afterPaths.filter((p) => p.startsWith('/v2/'))).toEqual([]);
    const flows = Object.values(FLOWS).flatMap(([, exported]) => [exported].flat()).length;
    expect(afterPaths.filter((p) => p === '/v3/async/upscale').length).toBeGreaterThanOrEqual(flows);
  });
});
