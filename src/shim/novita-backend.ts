/**
 * The `novita` backend: each neural step of the V2 pipeline is one real V3
 * call (`/v3/async/upscale` + polling `/v3/async/task-result`, or the
 * synchronous `/v3/restore-face`). Retries live in v3/retrying-http.ts, the
 * PNG codec in v3/codec.ts; this file is the V3 protocol.
 */
import { V2_CODES } from '../spec/codes.js';
import {
  DEFAULT_NOVITA_BASE_URL,
  V3_RESTORE_FACE_PATH,
  V3_TASK_RESULT_PATH,
  V3_UPSCALE_PATH,
} from '../spec/endpoints.js';
import type { V3ModelName } from '../spec/upscalers.js';
import {
  V3_EXTRA_KEY,
  V3_IMAGE_URL_KEY,
  V3_IMAGES_KEY,
  V3_REQUEST_FIELD,
  V3_REQUEST_KEY,
  V3_RESPONSE_IMAGE_TYPE_KEY,
  V3_TASK_FIELD,
  V3_TASK_ID_KEY,
  V3_TASK_KEY,
} from '../spec/v3.js';
import { V3_TASK_STATUS } from '../spec/codes.js';
import type { BackendContext, RgbImage, UpscaleBackend } from './backend.js';
import { decodeToRgb, encodePngBase64 } from './v3/codec.js';
import { BILLING_WORDS, createRetryingHttp, v2Fail } from './v3/retrying-http.js';

export { parseRetryAfter } from './v3/retrying-http.js';
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

/** The parts of a V3 task result the shim reads; names from src/spec, as the codemod's. */
interface V3TaskResult {
  [V3_TASK_KEY]?: { [V3_TASK_FIELD.status]?: string; [V3_TASK_FIELD.reason]?: string };
  [V3_IMAGES_KEY]?: Array<{ [V3_IMAGE_URL_KEY]?: string }>;
}

export function createNovitaBackend(options: NovitaBackendOptions = {}): UpscaleBackend {
  const upstream = (options.upstream ?? DEFAULT_NOVITA_BASE_URL).replace(/\/+$/, '');
  const pollIntervalMs = options.pollIntervalMs ?? 1000;
  const http = createRetryingHttp({
    fetch: options.fetch ?? globalThis.fetch.bind(globalThis),
    deadlineMs: options.deadlineMs ?? 300_000,
    attemptTimeoutMs: options.attemptTimeoutMs ?? 60_000,
    maxRetries: options.maxRetries ?? 5,
    retryBaseMs: options.retryBaseMs ?? 500,
  });
  const { checkStep, sleep, call, redact } = http;
  const startStep = (ctx: BackendContext, key?: string) => http.startStep(ctx.signal, key);

  function keyFor(ctx: BackendContext): string {
    const key = ctx.apiKey ?? options.apiKey;
    if (!key) throw v2Fail(V2_CODES.InvalidAuth, 'no Novita API key: send an Authorization header or configure one (NOVITA_API_KEY)');
    return key;
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
      // `{ request: { model_name, image_base64, scale_factor }, extra: { response_image_type } }`, named by src/spec.
      const body = {
        [V3_REQUEST_KEY]: {
          [V3_REQUEST_FIELD.modelName]: model,
          [V3_REQUEST_FIELD.imageBase64]: await encodePngBase64(image),
          [V3_REQUEST_FIELD.scaleFactor]: scale,
        },
        [V3_EXTRA_KEY]: { [V3_RESPONSE_IMAGE_TYPE_KEY]: 'png' },
      };
      const submitted = await readJson<{ [V3_TASK_ID_KEY]?: unknown }>(
        await call(`${upstream}${V3_UPSCALE_PATH}`, jsonInit('POST', key, body), step, 'upscale'),
        'upscale',
      );
      const taskId = submitted[V3_TASK_ID_KEY];
      if (typeof taskId !== 'string' || !taskId) {
        throw v2Fail(V2_CODES.InternalError, `V3 upscale answered without a ${V3_TASK_ID_KEY}`);
      }
      const resultUrl = `${upstream}${V3_TASK_RESULT_PATH}?${V3_TASK_ID_KEY}=${encodeURIComponent(taskId)}`;
      for (;;) {
        checkStep(step);
        const result = await readJson<V3TaskResult>(await call(resultUrl, jsonInit('GET', key), step, 'task-result'), 'task-result');
        const status = result[V3_TASK_KEY]?.[V3_TASK_FIELD.status];
        if (status === V3_TASK_STATUS.succeed) {
          const url = result[V3_IMAGES_KEY]?.[0]?.[V3_IMAGE_URL_KEY];
          if (!url) throw v2Fail(V2_CODES.InternalError, 'V3 task succeeded without an image');
          // The image URL is a storage link: never send it the API key.
          const res = await call(url, { method: 'GET' }, step, 'image download');
          // Remember where these pixels came from: if nothing local changes them, V3's URL is the result.
          return { ...(await decodeToRgb(Buffer.from(await res.arrayBuffer()), 'the V3 result image')), sourceUrl: url };
        }
        if (status === V3_TASK_STATUS.failed) {
          const reason = redact(result[V3_TASK_KEY]?.[V3_TASK_FIELD.reason] || 'no reason given', key);
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
