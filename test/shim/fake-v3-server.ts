/**
 * A faithful fake of the Novita V3 endpoints the shim uses, on 127.0.0.1
 * (port 0): strict about the request shape (as V3 answers 400 with
 * `{ code, reason, message, metadata }`), does a real Lanczos upscale so
 * results have the right size, runs tasks QUEUED -> PROCESSING -> SUCCEED one
 * step per poll, serves its own result images, and injects faults on demand.
 * `createFakeV3Handler` is the same fake without a server (the e2e harness
 * mounts it on HTTPS).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import type { Metadata } from 'sharp';
import {
  V3_EXTRA_KEYS,
  V3_MAX_INPUT_BYTES,
  V3_MAX_INPUT_SIDE,
  V3_RESPONSE_IMAGE_TYPES,
  V3_RESTORE_FACE_BODY_KEYS,
  V3_RESTORE_FACE_FIDELITY,
  V3_UPSCALE_BODY_KEYS,
  V3_UPSCALE_REQUEST,
  isV3ScaleFactor,
} from '../../src/spec/v3.js';
import { V3_MODEL_NAMES } from '../../src/spec/upscalers.js';
import { V3_RESTORE_FACE_PATH, V3_TASK_RESULT_PATH, V3_UPSCALE_PATH } from '../../src/spec/endpoints.js';
import type { V3TaskStatus } from '../../src/spec/codes.js';

export type V3Fault =
  /** Answer 429 with this Retry-After (seconds). */
  | { kind: 'rate-limit'; retryAfterSeconds?: number }
  | { kind: 'server-error' }
  /** Never answer (the client must time out). */
  | { kind: 'hang' }
  /** HTTP 402 billing failure. */
  | { kind: 'billing' }
  /** HTTP 400 whose reason says the balance is too low. */
  | { kind: 'billing-400' }
  /** The next created task ends FAILED with this reason. */
  | { kind: 'task-failed'; reason?: string };

export interface RecordedRequest {
  method: string;
  path: string;
  authorization?: string;
  status: number;
}

export interface FakeV3Options {
  /** The key the fake accepts (`Authorization: Bearer <key>`). */
  apiKey?: string;
  /** task-result polls a task spends in QUEUED and PROCESSING before SUCCEED. Default 1 each; 0 = instant. */
  pollsPerStage?: number;
  /**
   * What restore-face answers (an encoded image, e.g. PNG), given the request's image (its bytes and size).
   * Default: the input back unchanged, same size and pixels. Lets a test answer with another size.
   */
  restoreFaceOutput?: (input: FakeV3InputImage) => Buffer | Promise<Buffer>;
}

/** An image a request sent, as the fake received it (still encoded, with its size). */
export interface FakeV3InputImage {
  bytes: Buffer;
  width: number;
  height: number;
}

export interface FakeV3 {
  url: string;
  apiKey: string;
  requests: RecordedRequest[];
  /** The next `count` API requests (not image downloads) get this fault; task-failed applies to the next created tasks. */
  inject(fault: V3Fault, count?: number): void;
  /** Drops every fault not used yet. */
  clearFaults(): void;
  close(): Promise<void>;
}

export interface FakeV3HandlerOptions extends FakeV3Options {
  /** Base of result image URLs (`<base>/images/<id>`), read when a task succeeds. */
  imageBaseUrl: () => string;
  /** Also accept the bare key as `Authorization` (novita-sdk 1.x sends it that way). Default false. */
  acceptBareKey?: boolean;
}

/** The fake's request handler without a server, to mount on any (e.g. HTTPS) server. */
export interface FakeV3Handler {
  apiKey: string;
  requests: RecordedRequest[];
  handle(req: IncomingMessage, res: ServerResponse): void;
  inject(fault: V3Fault, count?: number): void;
  clearFaults(): void;
}

interface FakeTask {
  id: string;
  polls: number;
  failReason?: string;
  result?: Promise<string>;
  imageId?: string;
}

const UPSCALE_REQUEST_KEYS = Object.values(V3_UPSCALE_REQUEST).map((p) => p.split('.')[1]!);

class BadRequest extends Error {
  constructor(
    readonly reason: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeV3(options: FakeV3Options = {}): Promise<FakeV3> {
  const sockets = new Set<Socket>();
  let baseUrl = '';
  const handler = createFakeV3Handler({ ...options, imageBaseUrl: () => baseUrl });
  const server = createServer(handler.handle);
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: baseUrl,
    apiKey: handler.apiKey,
    requests: handler.requests,
    inject: handler.inject,
    clearFaults: handler.clearFaults,
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export function createFakeV3Handler(options: FakeV3HandlerOptions): FakeV3Handler {
  const apiKey = options.apiKey ?? 'fake-v3-key';
  const pollsPerStage = options.pollsPerStage ?? 1;
  const requests: RecordedRequest[] = [];
  const faults: V3Fault[] = [];
  const taskFaults: V3Fault[] = [];
  const tasks = new Map<string, FakeTask>();
  const images = new Map<string, Buffer>();

  function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    if (res.headersSent) return;
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function errorBody(status: number, reason: string, message: string): object {
    return { code: status, reason, message, metadata: {} };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const record: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, authorization: req.headers.authorization, status: 0 };
    requests.push(record);
    const reply = (status: number, body: unknown, headers?: Record<string, string>): void => {
      record.status = status;
      send(res, status, body, headers);
    };
    const raw = await readBody(req);

    if (req.method === 'GET' && url.pathname.startsWith('/images/')) {
      const png = images.get(url.pathname.slice('/images/'.length));
      if (!png) return reply(404, errorBody(404, 'NOT_FOUND', 'no such image'));
      record.status = 200;
      res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': String(png.length) });
      res.end(png);
      return;
    }

    const fault = faults.shift();
    if (fault) {
      switch (fault.kind) {
        case 'rate-limit':
          return reply(429, errorBody(429, 'RATE_LIMIT_EXCEEDED', 'too many requests'), { 'Retry-After': String(fault.retryAfterSeconds ?? 0) });
        case 'server-error':
          return reply(500, errorBody(500, 'INTERNAL_SERVER_ERROR', 'internal error'));
        case 'billing':
          return reply(402, errorBody(402, 'BILLING_FAILED', 'payment required'));
        case 'billing-400':
          return reply(400, errorBody(400, 'NOT_ENOUGH_BALANCE', 'insufficient balance'));
        case 'hang':
          record.status = -1;
          return; // never answers; closed by the client or by close()
        case 'task-failed':
          break;
      }
    }

    const auth = req.headers.authorization;
    if (!auth) return reply(401, errorBody(401, 'INVALID_API_KEY', 'missing Authorization header'));
    if (auth !== `Bearer ${apiKey}` && !(options.acceptBareKey && auth === apiKey)) return reply(401, errorBody(401, 'INVALID_API_KEY', 'invalid API key'));

    try {
      if (req.method === 'POST' && url.pathname === V3_UPSCALE_PATH) return reply(200, await createTask(parseJson(raw)));
      if (req.method === 'GET' && url.pathname === V3_TASK_RESULT_PATH) {
        const result = await taskResult(url.searchParams.get('task_id'));
        if (!result) return reply(404, errorBody(404, 'TASK_NOT_FOUND', 'task not found'));
        return reply(200, result);
      }
      if (req.method === 'POST' && url.pathname === V3_RESTORE_FACE_PATH) return reply(200, await restoreFace(parseJson(raw)));
    } catch (err) {
      if (err instanceof BadRequest) return reply(400, errorBody(400, err.reason, err.message));
      throw err;
    }
    return reply(404, errorBody(404, 'NOT_FOUND', `no route ${req.method} ${url.pathname}`));
  }

  async function createTask(body: Record<string, unknown>): Promise<{ task_id: string }> {
    rejectUnknownKeys(body, V3_UPSCALE_BODY_KEYS, '');
    checkExtra(body.extra);
    const request = body.request;
    if (!isRecord(request)) throw new BadRequest('INVALID_REQUEST_BODY', 'request is required');
    rejectUnknownKeys(request, UPSCALE_REQUEST_KEYS, 'request.');
    if (typeof request.model_name !== 'string' || !(V3_MODEL_NAMES as readonly string[]).includes(request.model_name)) {
      throw new BadRequest('INVALID_REQUEST_BODY', `request.model_name must be one of ${V3_MODEL_NAMES.join(', ')}`);
    }
    if (typeof request.scale_factor !== 'number' || !isV3ScaleFactor(request.scale_factor)) {
      throw new BadRequest('INVALID_REQUEST_BODY', 'request.scale_factor must be in (1, 4]');
    }
    const input = await decodeInput(request.image_base64, 'request.image_base64');
    const scale = request.scale_factor;
    const task: FakeTask = { id: randomUUID(), polls: 0 };
    const failure = taskFaults.shift();
    if (failure?.kind === 'task-failed') task.failReason = failure.reason ?? 'upscale failed';
    else {
      task.result = sharp(input.bytes)
        .resize(Math.round(input.width * scale), Math.round(input.height * scale), { kernel: 'lanczos3', fit: 'fill' })
        .png()
        .toBuffer()
        .then((png) => {
          const id = `${randomUUID()}.png`;
          images.set(id, png);
          return id;
        });
      task.result.catch(() => undefined);
    }
    tasks.set(task.id, task);
    return { task_id: task.id };
  }

  async function taskResult(taskId: string | null): Promise<object | undefined> {
    const task = taskId ? tasks.get(taskId) : undefined;
    if (!task) return undefined;
    const stage = Math.min(2, Math.floor(task.polls / Math.max(1, pollsPerStage)));
    task.polls++;
    let status: V3TaskStatus = pollsPerStage === 0 || stage >= 2 ? 'TASK_STATUS_SUCCEED' : stage === 1 ? 'TASK_STATUS_PROCESSING' : 'TASK_STATUS_QUEUED';
    let imagesOut: object[] = [];
    if (status === 'TASK_STATUS_SUCCEED') {
      if (task.failReason !== undefined) status = 'TASK_STATUS_FAILED';
      else {
        const id = await task.result!;
        imagesOut = [{ image_url: `${options.imageBaseUrl()}/images/${id}`, image_url_ttl: 3600, image_type: 'png' }];
      }
    }
    return {
      extra: { seed: '', enable_nsfw_detection: false, debug_info: { request_info: '', submit_time_ms: '', execute_time_ms: '', complete_time_ms: '' } },
      task: {
        task_id: task.id,
        task_type: 'UPSCALE',
        status,
        reason: status === 'TASK_STATUS_FAILED' ? task.failReason : '',
        eta: 0,
        progress_percent: status === 'TASK_STATUS_SUCCEED' ? 100 : status === 'TASK_STATUS_PROCESSING' ? 50 : 0,
      },
      images: imagesOut,
    };
  }

  async function restoreFace(body: Record<string, unknown>): Promise<object> {
    rejectUnknownKeys(body, V3_RESTORE_FACE_BODY_KEYS, '');
    checkExtra(body.extra);
    const f = body.fidelity;
    if (f !== undefined && (typeof f !== 'number' || f < V3_RESTORE_FACE_FIDELITY.min || f > V3_RESTORE_FACE_FIDELITY.max)) {
      throw new BadRequest('INVALID_REQUEST_BODY', 'fidelity must be in [0, 1]');
    }
    const input = await decodeInput(body.image_file, 'image_file');
    if (options.restoreFaceOutput) return { image_file: (await options.restoreFaceOutput(input)).toString('base64'), image_type: 'png' };
    // A face restorer that changes nothing: same size and pixels back.
    return { image_file: (await sharp(input.bytes).png().toBuffer()).toString('base64'), image_type: 'png' };
  }

  function checkExtra(extra: unknown): void {
    if (extra === undefined) return;
    if (!isRecord(extra)) throw new BadRequest('INVALID_REQUEST_BODY', 'extra must be an object');
    rejectUnknownKeys(extra, V3_EXTRA_KEYS, 'extra.');
    const t = extra.response_image_type;
    if (t !== undefined && !(V3_RESPONSE_IMAGE_TYPES as readonly unknown[]).includes(t)) {
      throw new BadRequest('INVALID_REQUEST_BODY', 'extra.response_image_type must be png, webp or jpeg');
    }
  }

  return {
    apiKey,
    requests,
    handle(req, res) {
      handle(req, res).catch((err: unknown) => {
        send(res, 500, { code: 500, reason: 'INTERNAL', message: String(err), metadata: {} });
      });
    },
    inject(fault, count = 1) {
      for (let i = 0; i < count; i++) (fault.kind === 'task-failed' ? taskFaults : faults).push(fault);
    },
    clearFaults() {
      faults.length = 0;
      taskFaults.length = 0;
    },
  };
}

function rejectUnknownKeys(obj: Record<string, unknown>, allowed: readonly string[], prefix: string): void {
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) throw new BadRequest('INVALID_REQUEST_BODY', `unknown field ${prefix}${key}`);
  }
}

async function decodeInput(value: unknown, field: string): Promise<FakeV3InputImage> {
  if (typeof value !== 'string' || value.length === 0) throw new BadRequest('INVALID_REQUEST_BODY', `${field} is required`);
  if (value.startsWith('data:')) throw new BadRequest('INVALID_REQUEST_BODY', `${field} must be bare base64, not a data URL`);
  const bytes = Buffer.from(value, 'base64');
  if (bytes.length > V3_MAX_INPUT_BYTES) throw new BadRequest('IMAGE_TOO_LARGE', `${field} is over 30 MB`);
  let meta: Metadata;
  try {
    meta = await sharp(bytes).metadata();
  } catch {
    throw new BadRequest('INVALID_IMAGE', `${field} is not a decodable image`);
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width > V3_MAX_INPUT_SIDE || height > V3_MAX_INPUT_SIDE) {
    throw new BadRequest('IMAGE_TOO_LARGE', `${field} is ${width}x${height}; at most ${V3_MAX_INPUT_SIDE}x${V3_MAX_INPUT_SIDE}`);
  }
  return { bytes, width, height };
}

function parseJson(raw: Buffer): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(raw.toString('utf8'));
    if (isRecord(parsed)) return parsed;
  } catch {
    // falls through
  }
  throw new BadRequest('INVALID_REQUEST_BODY', 'body must be a JSON object');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
