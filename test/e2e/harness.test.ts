/**
 * Proves the execution harness: real client libraries in a child process
 * reach the local fake Novita over TLS through the preload's redirect, the
 * original V2 flow runs in reference mode, and a seeded V2 task polls.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { prepareAppCopy } from './harness/app-copy.js';
import { startFakeNovita, type FakeNovita } from './harness/fake-novita.js';
import { runDriver, type DriverRun } from './harness/run-in-child.js';
import { destinationSize } from '../../src/shim/sizes.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const driver = (name: string): string => fileURLToPath(new URL(`./drivers/${name}`, import.meta.url));

interface FlowOutcome {
  error?: string;
  client: string;
  taskId: string;
  statuses: (string | number)[];
  width: number;
  height: number;
}

/** Which host each client calls: the old host for some proves both names work. */
const CLIENTS: Record<string, string> = {
  fetch: 'https://api.novita.ai',
  axios: 'https://api.novita.ai',
  got: 'https://api.novita.ai',
  ky: 'https://api.novita.ai',
  superagent: 'https://api.omniinfer.io',
  'node-fetch': 'https://api.novita.ai',
  undici: 'https://api.omniinfer.io',
  xhr2: 'https://api.novita.ai',
  'novita-sdk': 'https://api.novita.ai',
};

let fake: FakeNovita;
let input: string;
/** One child runs every client's flow in turn: a process per client costs more than the flows. */
let clientRuns: Promise<DriverRun<{ flows: FlowOutcome[] }>>;

beforeAll(async () => {
  [fake, input] = await Promise.all([
    startFakeNovita({ v2Reference: true }),
    sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 200, g: 40, b: 90 } } })
      .png()
      .toBuffer()
      .then((b) => b.toString('base64')),
  ]);
  const specs = Object.entries(CLIENTS).map(([client, base]) => `${client}@${base}`);
  clientRuns = runDriver({ cwd: REPO, driver: driver('v3-flow.mjs'), args: [input, ...specs], fake });
});

afterAll(async () => {
  await clientRuns?.catch(() => undefined);
  await fake?.close();
});

function explain(run: DriverRun<unknown>): string {
  return `exit ${run.exitCode}${run.timedOut ? ' (timed out)' : ''}\nstdout: ${run.stdout}\nstderr: ${run.stderr}`;
}

describe('each real client reaches the fake V3 over TLS from a child process', () => {
  for (const [client, base] of Object.entries(CLIENTS)) {
    it(`${client} (${new URL(base).hostname})`, async () => {
      const run = await clientRuns;
      const outcome = run.result?.flows.find((f) => f.client === client);
      expect(outcome, explain(run)).toMatchObject({ client, width: 16, height: 12 });
      expect(outcome!.statuses).toEqual(['TASK_STATUS_QUEUED', 'TASK_STATUS_PROCESSING', 'TASK_STATUS_SUCCEED']);
      const taskId = outcome!.taskId;
      const host = new URL(base).hostname;
      const mine = fake.requests.filter((r) => r.query.includes(taskId));
      expect(mine.length).toBe(3);
      expect(mine.every((r) => r.host === host && r.servername === host && r.status === 200)).toBe(true);
    });
  }
});

describe('V2', () => {
  it('runs the original V2 flow (axios) in reference mode and gets the right size', async () => {
    const run = await runDriver<FlowOutcome & { imageUrl: string }>({ cwd: REPO, driver: driver('v2-reference-flow.mjs'), args: [input, '2'], fake });
    // V2 (A1111) lands on multiples of 8: 8x6 at 2x is 16x8, where V3 gives 16x12.
    expect(run.result, explain(run)).toMatchObject(destinationSize(8, 6, 2));
    expect(destinationSize(8, 6, 2)).toEqual({ width: 16, height: 8 });
    expect(run.result!.statuses.at(-1)).toBe(2);
    // Result URLs are on the Novita host, downloaded through the fake.
    expect(new URL(run.result!.imageUrl).host).toBe('api.novita.ai');
    const paths = fake.requests.filter((r) => r.query.includes(run.result!.taskId) || r.path.startsWith('/results/'));
    expect(paths.map((r) => r.path)).toContain('/v2/progress');
    expect(fake.requests.some((r) => r.path === '/v2/upscale' && r.status === 200)).toBe(true);
  });

  it('polls a seeded V2 txt2img task through /v2/progress in V2 shape', async () => {
    const png = await sharp({ create: { width: 5, height: 7, channels: 3, background: '#0a0' } }).png().toBuffer();
    const imageUrl = fake.hostImage(png);
    expect(await fake.download(imageUrl)).toEqual(png);
    fake.seedV2Task('txt2img-seeded-1', { status: 2, imgs: [imageUrl], runningPolls: 1 });
    const run = await runDriver<{ code: number; statuses: number[]; keys: string[]; width: number; height: number }>({
      cwd: REPO,
      driver: driver('v2-progress-poll.mjs'),
      args: ['txt2img-seeded-1'],
      fake,
    });
    expect(run.result, explain(run)).toMatchObject({ code: 0, statuses: [1, 2], width: 5, height: 7 });
    expect(run.result!.keys).toEqual(
      ['current_images', 'debug_info', 'enable_nsfw_detection', 'eta_relative', 'execution_time', 'failed_reason', 'finish_time', 'imgs', 'info', 'nsfw_detection_result', 'progress', 'status', 'submit_time', 'txt2img_time'],
    );
  });

  it('answers code 3 for a V2 task id nobody seeded (without reference mode)', async () => {
    const plain = await startFakeNovita();
    try {
      const run = await runDriver<{ code: number }>({ cwd: REPO, driver: driver('v2-progress-poll.mjs'), args: ['no-such-task'], fake: plain });
      expect(run.result, explain(run)).toMatchObject({ code: 3 });
      expect(plain.requests.map((r) => `${r.method} ${r.host}${r.path} ${r.status}`)).toEqual(['GET api.novita.ai/v2/progress 200']);
    } finally {
      await plain.close();
    }
  });
});

describe('app copies', () => {
  it('transpiles the sample app to runnable JS and runs its original V2 flow (fetch submit, axios poll via ../config)', async () => {
    const app = prepareAppCopy(fileURLToPath(new URL('../../__fixtures__/sample-app/', import.meta.url)));
    try {
      // Extensionless and directory imports point at the emitted files; other files are copied as they are.
      expect(readFileSync(join(app, 'src/config/index.js'), 'utf8')).toContain("export * from './endpoints.js';");
      expect(readFileSync(join(app, 'src/api/axios-client.js'), 'utf8')).toContain("from '../config/index.js'");
      expect(existsSync(join(app, 'src/api/axios-client.ts'))).toBe(false);
      expect(readFileSync(join(app, 'src/legacy/poll.mjs'))).toEqual(readFileSync(fileURLToPath(new URL('../../__fixtures__/sample-app/src/legacy/poll.mjs', import.meta.url))));
      expect(realpathSync(join(app, 'node_modules/novita-migrate'))).toBe(realpathSync(REPO));

      const run = await runDriver<{ taskId: string; width: number; height: number }>({ cwd: app, driver: driver('sample-app-v2-flow.mjs'), args: [app, input], fake });
      expect(run.result, explain(run)).toMatchObject(destinationSize(8, 6, 2));
      expect(fake.requests.some((r) => r.path === '/v2/progress' && r.query === `?task_id=${run.result!.taskId}`)).toBe(true);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});

describe('the preload leaves other hosts alone', () => {
  it('keeps loopback servers reachable and does not redirect or rename other TLS names', async () => {
    const server = createServer((_req, res) => res.end('loopback ok'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const loopback = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      // The fake's own port under another name: reached, but its certificate does not name localhost.
      const other = `https://localhost:${fake.port}/v3/async/task-result`;
      const before = fake.requests.length;
      const run = await runDriver<Record<string, unknown>>({ cwd: REPO, driver: driver('passthrough.mjs'), args: [loopback, other], fake });
      expect(run.result, explain(run)).toEqual({
        loopback: { fetch: 'loopback ok', axios: 'loopback ok', got: 'loopback ok' },
        otherHostError: 'ERR_TLS_CERT_ALTNAME_INVALID',
        lookup: '127.0.0.1',
        lookupOmni: '127.0.0.1',
        namedConnectPatched: true,
      });
      expect(fake.requests.length).toBe(before);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('runDriver', () => {
  it('kills a driver that never ends and says so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'novita-e2e-hang-'));
    try {
      writeFileSync(join(dir, 'hang.mjs'), 'setInterval(() => {}, 1000);\n');
      const run = await runDriver({ cwd: dir, driver: join(dir, 'hang.mjs'), fake, timeoutMs: 300 });
      expect(run).toMatchObject({ timedOut: true, signal: 'SIGKILL', result: undefined });
      expect(run.stderr).toContain('killed after 300 ms');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
