/**
 * The `novita` backend: each neural step of the V2 pipeline is one real V3
 * call (`/v3/async/upscale` + polling `/v3/async/task-result`, or the
 * synchronous `/v3/restore-face`). Transient upstream failures (429, 5xx,
 * network errors, a hung request) are retried with exponential backoff and
 * jitter, honouring Retry-After, within one deadline per step; whatever is
 * left maps to the V2 code a V2 client expects. The API key never appears in
 * an error message.
 */
import sharp from 'sharp';
import type { Sharp } from 'sharp';
import { V2_CODES, v2CodeName } from '../spec/codes.js';
import {
  DEFAULT_NOVITA_BASE_URL,
  V3_RESTORE_FACE_PATH,
  V3_TASK_RESULT_PATH,
  V3_UPSCALE_PATH,
} from '../spec/endpoints.js';
import type { V3ModelName } from '../spec/upscalers.js';
import type { BackendContext, RgbImage, UpscaleBackend } from './backend.js';
import { V2Error } from './backend.js';
import { resizeLanczos } from './image/resize.js';

export interface NovitaBackendOptions {
  /** V3 base URL (default https://api.novita.ai). */
  upstream?: string;
  /** Key used when the caller gave none (ctx.apiKey wins). */
  apiKey?: string;
  fetch?: typeof globalThis.fetch;
  /** Total time one neural step (submit, poll, download) may take. Default 300 s. */
  deadlineMs?: number;
  /** Delay between task-result polls. Default 1000 ms. */
  pollIntervalMs?: number;
  /** One HTTP attempt gives up after this long (a hung upstream). Default 60 s. */
  attemptTimeoutMs?: number;
  /** Retries of one HTTP call after the first attempt. Default 5. */
  maxRetries?: number;
  /** First backoff delay; doubles per retry, with full jitter. Default 500 ms. */
  retryBaseMs?: number;
}

/** The V3 error body of a non-2xx answer. */
interface V3ErrorBody {
  code?: unknown;
  reason?: unknown;
  message?: unknown;
}

interface V3TaskResult {
  task?: { status?: string; reason?: string };
  images?: Array<{ image_url?: string }>;
}

const RETRY_AFTER_CAP_MS = 60_000;
const BILLING_WORDS = /balance|billing|insufficient|quota|payment|credit/i;

type Failure =
  | { kind: 'unreachable'; detail: string }
  | { kind: 'timeout' }
  | { kind: 'status'; status: number; retryAfterMs?: number; body: V3ErrorBody | undefined };

export function createNovitaBackend(options: NovitaBackendOptions = {}): UpscaleBackend {
  const upstream = (options.upstream ?? DEFAULT_NOVITA_BASE_URL).replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const deadlineMs = options.deadlineMs ?? 300_000;
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const attemptTimeoutMs = options.attemptTimeoutMs ?? 60_000;
  const maxRetries = options.maxRetries ?? 5;
  const retryBaseMs = options.retryBaseMs ?? 500;

  function keyFor(ctx: BackendContext): string {
    const key = ctx.apiKey ?? options.apiKey;
    if (!key) throw v2Fail(V2_CODES.InvalidAuth, 'no Novita API key: send an Authorization header or configure one (NOVITA_API_KEY)');
    return key;
  }

  /** Removes the key from any text that came back from upstream. */
  function redact(text: string, key: string | undefined): string {
    return key ? text.split(key).join('***') : text;
  }

  /** One step's clock: the earlier of our deadline and the caller's signal. */
  interface Step {
    ends: number;
    signal?: AbortSignal;
    key?: string;
  }

  function startStep(ctx: BackendContext, key?: string): Step {
    return { ends: Date.now() + deadlineMs, signal: ctx.signal, key };
  }

  function checkStep(step: Step): void {
    if (step.signal?.aborted || Date.now() >= step.ends) {
      throw v2Fail(V2_CODES.Timeout, 'the upstream V3 call did not finish before the deadline');
    }
  }

  function sleep(ms: number, step: Step): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, Math.max(0, ms));
      function done(): void {
        clearTimeout(timer);
        step.signal?.removeEventListener('abort', done);
        resolve();
      }
      step.signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** One HTTP attempt; classifies every way it can fail. */
  async function attempt(url: string, init: RequestInit, step: Step): Promise<Response | Failure> {
    const budget = Math.min(attemptTimeoutMs, step.ends - Date.now());
    const timeout = AbortSignal.timeout(Math.max(1, budget));
    const signal = step.signal ? AbortSignal.any([step.signal, timeout]) : timeout;
    try {
      const res = await doFetch(url, { ...init, signal });
      if (res.ok) return res;
      const text = await res.text().catch(() => '');
      return { kind: 'status', status: res.status, retryAfterMs: parseRetryAfter(res.headers.get('retry-after')), body: parseErrorBody(text) };
    } catch (err) {
      if (timeout.aborted || step.signal?.aborted) return { kind: 'timeout' };
      const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
      return { kind: 'unreachable', detail: redact(cause || (err instanceof Error ? err.message : String(err)), step.key) };
    }
  }

  /** An HTTP call with retries on 429/5xx/network/timeouts; throws V2Error for the rest. */
  async function call(url: string, init: RequestInit, step: Step, what: string): Promise<Response> {
    let last: Failure | undefined;
    for (let retry = 0; ; retry++) {
      if (step.signal?.aborted || Date.now() >= step.ends) break;
      const result = await attempt(url, init, step);
      if (result instanceof Response) return result;
      last = result;
      if (result.kind === 'status' && !isRetryable(result.status)) throw statusError(result, what, step.key);
      if (retry >= maxRetries) break;
      const backoff = Math.random() * retryBaseMs * 2 ** retry;
      const wait = result.kind === 'status' && result.retryAfterMs !== undefined ? result.retryAfterMs : backoff;
      if (Date.now() + wait >= step.ends) break;
      await sleep(wait, step);
    }
    throw giveUpError(last, what, step);
  }

  function giveUpError(last: Failure | undefined, what: string, step: Step): V2Error {
    const outOfTime = step.signal?.aborted || Date.now() >= step.ends;
    if (last?.kind === 'unreachable') return v2Fail(V2_CODES.HostUnavailable, `V3 upstream unreachable (${what}): ${last.detail}`);
    if (last?.kind === 'status' && !outOfTime) {
      return v2Fail(V2_CODES.HostUnavailable, `V3 upstream kept failing (${what}): HTTP ${last.status}${describeBody(last.body, step.key)}`);
    }
    return v2Fail(V2_CODES.Timeout, `V3 upstream timed out (${what})`);
  }

  function statusError(f: Extract<Failure, { kind: 'status' }>, what: string, key: string | undefined): V2Error {
    const detail = `V3 ${what} refused: HTTP ${f.status}${describeBody(f.body, key)}`;
    if (f.status === 402 || isBillingBody(f.body)) return v2Fail(V2_CODES.CostBalanceFailure, detail);
    if (f.status === 401 || f.status === 403) return v2Fail(V2_CODES.InvalidAuth, `V3 ${what} refused the API key: HTTP ${f.status}`);
    if (f.status === 400 || f.status === 413 || f.status === 422) return v2Fail(V2_CODES.ParamRangeOutOfLimit, detail);
    return v2Fail(V2_CODES.InternalError, detail);
  }

  function describeBody(body: V3ErrorBody | undefined, key: string | undefined): string {
    if (!body) return '';
    const parts = [body.reason, body.message].filter((p): p is string => typeof p === 'string' && p.length > 0);
    return parts.length ? ` ${redact(parts.join(': '), key)}` : '';
  }

  function jsonInit(method: 'GET' | 'POST', key: string, body?: unknown): RequestInit {
    const headers: Record<string, string> = { Authorization: `Bearer ${key}`, Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
  }

  async function readJson<T>(res: Response, what: string): Promise<T> {
    try {
      return (await res.json()) as T;
    } catch {
      throw v2Fail(V2_CODES.InternalError, `V3 ${what} answered with a body that is not JSON`);
    }
  }

  return {
    name: 'novita',

    async upscale(image: RgbImage, model: V3ModelName, scale: number, ctx: BackendContext): Promise<RgbImage> {
      const key = keyFor(ctx);
      const step = startStep(ctx, key);
      const body = {
        request: { model_name: model, image_base64: await encodePngBase64(image), scale_factor: scale },
        extra: { response_image_type: 'png' },
      };
      const submitted = await readJson<{ task_id?: unknown }>(
        await call(`${upstream}${V3_UPSCALE_PATH}`, jsonInit('POST', key, body), step, 'upscale'),
        'upscale',
      );
      if (typeof submitted.task_id !== 'string' || !submitted.task_id) {
        throw v2Fail(V2_CODES.InternalError, 'V3 upscale answered without a task_id');
      }
      const resultUrl = `${upstream}${V3_TASK_RESULT_PATH}?task_id=${encodeURIComponent(submitted.task_id)}`;
      for (;;) {
        checkStep(step);
        const result = await readJson<V3TaskResult>(await call(resultUrl, jsonInit('GET', key), step, 'task-result'), 'task-result');
        const status = result.task?.status;
        if (status === 'TASK_STATUS_SUCCEED') {
          const url = result.images?.[0]?.image_url;
          if (!url) throw v2Fail(V2_CODES.InternalError, 'V3 task succeeded without an image');
          // The image URL is a storage link: never send it the API key.
          const res = await call(url, { method: 'GET' }, step, 'image download');
          return decodeToRgb(Buffer.from(await res.arrayBuffer()), 'the V3 result image');
        }
        if (status === 'TASK_STATUS_FAILED') {
          const reason = redact(result.task?.reason || 'no reason given', key);
          const code = BILLING_WORDS.test(reason) ? V2_CODES.CostBalanceFailure : V2_CODES.InternalError;
          throw v2Fail(code, `V3 upscale task failed: ${reason}`);
        }
        await sleep(Math.min(pollIntervalMs, step.ends - Date.now()), step);
      }
    },

    async restoreFace(image: RgbImage, _kind: 'gfpgan' | 'codeformer', fidelity: number, ctx: BackendContext): Promise<RgbImage> {
      const key = keyFor(ctx);
      const step = startStep(ctx, key);
      const body = { image_file: await encodePngBase64(image), fidelity, extra: { response_image_type: 'png' } };
      const res = await call(`${upstream}${V3_RESTORE_FACE_PATH}`, jsonInit('POST', key, body), step, 'restore-face');
      const answer = await readJson<{ image_file?: unknown }>(res, 'restore-face');
      if (typeof answer.image_file !== 'string' || !answer.image_file) {
        throw v2Fail(V2_CODES.InternalError, 'V3 restore-face answered without an image_file');
      }
      const restored = await decodeToRgb(Buffer.from(answer.image_file, 'base64'), 'the V3 restore-face image');
      if (restored.width === image.width && restored.height === image.height) return restored;
      // The contract is same size in, same size out.
      return resizeLanczos(restored, image.width, image.height);
    },
  };
}

/**
 * A V2Error whose message also names the V2 code: when the failure happens
 * inside a task, V2 clients only see the message (as `failed_reason`).
 */
function v2Fail(code: number, text: string): V2Error {
  return new V2Error(code, `${text} [V2 code ${code} ${v2CodeName(code) ?? ''}]`.replace(' ]', ']'));
}

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Retry-After as delay seconds or an HTTP date; capped so a silly value cannot stall a task. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.min(seconds * 1000, RETRY_AFTER_CAP_MS);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.min(Math.max(0, date - Date.now()), RETRY_AFTER_CAP_MS);
}

function parseErrorBody(text: string): V3ErrorBody | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed && typeof parsed === 'object' ? (parsed as V3ErrorBody) : undefined;
  } catch {
    return undefined;
  }
}

function isBillingBody(body: V3ErrorBody | undefined): boolean {
  return !!body && [body.reason, body.message].some((t) => typeof t === 'string' && BILLING_WORDS.test(t));
}

async function encodePngBase64(image: RgbImage): Promise<string> {
  const png = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } }).png().toBuffer();
  return png.toString('base64');
}

async function decodeToRgb(bytes: Buffer, what: string): Promise<RgbImage> {
  try {
    return await rgbFromSharp(sharp(bytes).flatten({ background: '#ffffff' }));
  } catch {
    throw v2Fail(V2_CODES.InternalError, `${what} could not be decoded`);
  }
}

async function rgbFromSharp(pipeline: Sharp): Promise<RgbImage> {
  const { data, info } = await pipeline.removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data };
}
