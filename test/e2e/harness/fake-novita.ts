/**
 * A local Novita over HTTPS (certificate for api.novita.ai and
 * api.omniinfer.io, signed by a test CA), for app code run unmodified in a
 * child process (see preload.mjs):
 * - V3 upscale, task-result, restore-face and result images: the strict fake
 *   of test/shim/fake-v3-server.ts;
 * - V2 `/v2/progress` for task ids the test seeds (pre-existing V2 tasks);
 * - optionally (`v2Reference`) the rest of V2 from `shim serve --backend local`,
 *   to run ORIGINAL V2 code for the expected results;
 * - a log of every request.
 */
import { createServer, request as httpsRequest } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFakeV3Handler, readBody, type V3Fault } from '../../shim/fake-v3-server.js';
import { V2_CODES } from '../../../src/spec/codes.js';
import { V2_PROGRESS_PATH, V2_UPSCALE_PATH } from '../../../src/spec/endpoints.js';
import { NOVITA_HOSTS, testCertificate } from './test-ca.js';
import { V2SeededTasks, type SeededV2Task } from './v2-seeded-tasks.js';
import { startV2Reference, V2_REFERENCE_RESULT_PATH, type V2Reference } from './v2-reference.js';

export type { SeededV2Task } from './v2-seeded-tasks.js';
export { NOVITA_HOSTS } from './test-ca.js';

export interface FakeNovitaOptions {
  /** The key the fake accepts. Default 'test-novita-key'. */
  apiKey?: string;
  /** V3 task-result polls per stage (QUEUED, PROCESSING) before SUCCEED. Default 1; 0 = instant. */
  pollsPerStage?: number;
  /** Answer `/v2/upscale` and unseeded `/v2/progress` ids with `shim serve --backend local` (needs `npm run build`). */
  v2Reference?: boolean;
}

export interface FakeNovitaRequest {
  method: string;
  /** The Host header without port, e.g. api.novita.ai. */
  host: string;
  /** The TLS SNI the client sent. */
  servername: string;
  path: string;
  /** The query string with its `?`, or ''. */
  query: string;
  /** HTTP status answered (0 while unanswered). */
  status: number;
}

export interface FakeNovita {
  port: number;
  /** PEM file of the test CA, for NODE_EXTRA_CA_CERTS (removed by close()). */
  caFile: string;
  apiKey: string;
  /** Every request, in arrival order. */
  requests: FakeNovitaRequest[];
  /** Makes `/v2/progress?task_id=<id>` answer this task (V2's exact shape). */
  seedV2Task(id: string, task: SeededV2Task): void;
  /** Serves `bytes` and returns its URL on api.novita.ai, e.g. for a seeded task's `imgs`. */
  hostImage(bytes: Buffer, contentType?: string): string;
  /** Fetches one of the fake's URLs (e.g. a result image) from this process. */
  download(url: string): Promise<Buffer>;
  /** Faults for the V3 endpoints (see V3Fault in test/shim/fake-v3-server.ts). */
  inject(fault: V3Fault, count?: number): void;
  clearFaults(): void;
  close(): Promise<void>;
}

/** Where hosted (seeded) images live. */
const HOSTED_IMAGE_PATH = '/v2-images/';

export async function startFakeNovita(options: FakeNovitaOptions = {}): Promise<FakeNovita> {
  const apiKey = options.apiKey ?? 'test-novita-key';
  const cert = await testCertificate();
  const requests: FakeNovitaRequest[] = [];
  const seeded = new V2SeededTasks();
  const hosted = new Map<string, { bytes: Buffer; contentType: string }>();
  const sockets = new Set<Socket>();
  // The 1.x SDK sends the bare key; the real API took it, so the fake does too.
  const v3 = createFakeV3Handler({ apiKey, pollsPerStage: options.pollsPerStage, acceptBareKey: true, imageBaseUrl: () => `https://${NOVITA_HOSTS[0]}` });
  const reference: V2Reference | undefined = options.v2Reference ? await startV2Reference(apiKey) : undefined;

  const server = createServer({ key: cert.keyPem, cert: cert.certPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://fake');
    const record: FakeNovitaRequest = {
      method: req.method ?? 'GET',
      host: (req.headers.host ?? '').replace(/:\d+$/, ''),
      servername: (req.socket as TLSSocket).servername || '',
      path: url.pathname,
      query: url.search,
      status: 0,
    };
    requests.push(record);
    res.on('finish', () => (record.status = res.statusCode));
    route(req, res, url, record.host || NOVITA_HOSTS[0]!).catch((err: unknown) => {
      if (res.headersSent) return void res.destroy();
      sendJson(res, 500, { code: V2_CODES.InternalError, msg: `fake novita: ${err instanceof Error ? err.message : String(err)}` });
    });
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function route(req: IncomingMessage, res: ServerResponse, url: URL, host: string): Promise<void> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === V2_PROGRESS_PATH) {
      const body = await readBody(req);
      const taskId = url.searchParams.get('task_id') ?? '';
      if (seeded.has(taskId)) {
        if (!keyAccepted(req)) return sendJson(res, 200, { code: V2_CODES.InvalidAuth, msg: 'invalid API key' });
        return sendJson(res, 200, seeded.progress(taskId));
      }
      if (reference) return reference.forward(req, body, res, `https://${host}`);
      return sendJson(res, 200, seeded.progress(taskId));
    }
    if (path === V2_UPSCALE_PATH || url.pathname.startsWith(`${V2_REFERENCE_RESULT_PATH}/`)) {
      const body = await readBody(req);
      if (reference) return reference.forward(req, body, res, `https://${host}`);
      if (path === V2_UPSCALE_PATH) {
        return sendJson(res, 200, { code: V2_CODES.NotSupport, msg: 'V2 upscale is not served by this fake (start it with v2Reference)' });
      }
      return sendJson(res, 404, { code: V2_CODES.TaskIdNotExist, msg: 'result image not found' });
    }
    if (req.method === 'GET' && url.pathname.startsWith(HOSTED_IMAGE_PATH)) {
      await readBody(req);
      const image = hosted.get(url.pathname.slice(HOSTED_IMAGE_PATH.length));
      if (!image) return sendJson(res, 404, { code: V2_CODES.TaskIdNotExist, msg: 'image not found' });
      res.writeHead(200, { 'content-type': image.contentType, 'content-length': String(image.bytes.length) });
      res.end(image.bytes);
      return;
    }
    v3.handle(req, res);
  }

  /** A V2 caller's key: `Authorization` (Bearer or bare) or `X-Omni-Key`; none is accepted, as a server-side key would. */
  function keyAccepted(req: IncomingMessage): boolean {
    const auth = req.headers.authorization?.trim();
    const omni = req.headers['x-omni-key'];
    const key = auth ? auth.replace(/^bearer\s+/i, '') : typeof omni === 'string' ? omni.trim() : undefined;
    return key === undefined || key === apiKey;
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const caDir = mkdtempSync(join(tmpdir(), 'novita-e2e-ca-'));
  const caFile = join(caDir, 'ca.pem');
  writeFileSync(caFile, cert.caPem);

  return {
    port,
    caFile,
    apiKey,
    requests,
    seedV2Task: (id, task) => seeded.seed(id, task),
    hostImage(bytes, contentType = 'image/png') {
      const ext = contentType.split('/')[1]?.replace(/[^a-z0-9]/g, '') || 'bin';
      const name = `${randomUUID()}.${ext}`;
      hosted.set(name, { bytes, contentType });
      return `https://${NOVITA_HOSTS[0]}${HOSTED_IMAGE_PATH}${name}`;
    },
    download: (url) => download(url, port, cert.caPem),
    inject: v3.inject,
    clearFaults: v3.clearFaults,
    async close() {
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await Promise.all([stopped, reference?.close()]);
      rmSync(caDir, { recursive: true, force: true });
    },
  };
}

function download(url: string, port: number, ca: string): Promise<Buffer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpsRequest(
      { host: '127.0.0.1', port, servername: target.hostname, ca, path: target.pathname + target.search, headers: { host: target.hostname } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => (res.statusCode === 200 ? resolve(Buffer.concat(chunks)) : reject(new Error(`GET ${url}: HTTP ${res.statusCode}`))));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end();
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const bytes = Buffer.from(JSON.stringify(body));
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': String(bytes.length) });
  res.end(bytes);
}
