/**
 * novita-sdk 1.x compatibility: `upscale`, `upscaleSync` and `progress`
 * with the SDK's own shapes (data unwrapped, NovitaError on a non-zero
 * code), answered by the process runtime. The body is the one 1.x sends:
 * `upscaler_1` and `upscaler_2` default to `R-ESRGAN 4x+` (node_modules/
 * novita-sdk/dist/index.js, NovitaSDK.prototype.upscale).
 */
import { V2_CODES } from '../../spec/codes.js';
import { DEFAULT_NOVITA_BASE_URL, V2_PROGRESS_PATH, V2_UPSCALE_PATH } from '../../spec/endpoints.js';
import { runtimeConfig } from '../runtime/process-runtime.js';
import { answerOnRuntime, runtimeClient } from '../runtime/runtime-client.js';
import type { V2Answer } from '../v2-http.js';
import type { V2ProgressData } from '../v2/answers.js';
import { novitaError } from './novita-error.js';

/** What `upscale` resolves to (1.x: the unwrapped `data`). */
export interface UpscaleTask {
  task_id: string;
  warn?: string;
}

export interface UpscaleSyncConfig {
  /** `base64`: data URLs instead of image URLs. */
  img_type?: 'base64' | string;
  /** Poll interval in ms (default 1000, as the SDK). */
  interval?: number;
}

/** The SDK's per-call options (`signal`, `source`): accepted, `signal` honoured. */
export interface SdkCallOptions {
  signal?: AbortSignal;
  source?: string;
}

/** One SDK call's credential: the 1.x SDK sends the bare key as Authorization. */
export type KeySource = () => string | undefined;

const SDK_DEFAULT_UPSCALER = 'R-ESRGAN 4x+';
const ERROR_GENERATE_IMG_FAILED = 'Generate Image Failed';

export function sdkUpscaleBody(params: Record<string, unknown>): Record<string, unknown> {
  return { ...params, upscaler_1: params.upscaler_1 ?? SDK_DEFAULT_UPSCALER, upscaler_2: params.upscaler_2 ?? SDK_DEFAULT_UPSCALER };
}

async function call(route: 'upscale' | 'progress', key: string | undefined, path: string, body?: unknown): Promise<V2Answer> {
  const answer = await answerOnRuntime(route, {
    method: route === 'upscale' ? 'POST' : 'GET',
    url: new URL(`${DEFAULT_NOVITA_BASE_URL}${path}`),
    header: (name) => (name.toLowerCase() === 'authorization' ? key : name.toLowerCase() === 'content-type' ? 'application/json' : undefined),
    body: body === undefined ? undefined : Buffer.from(JSON.stringify(body)),
  });
  try {
    return JSON.parse(answer.body.toString('utf8')) as V2Answer;
  } catch {
    return { code: V2_CODES.InternalError, msg: `HTTP ${answer.status}` };
  }
}

export async function compatUpscale(key: KeySource, params: Record<string, unknown>, opts?: SdkCallOptions): Promise<UpscaleTask> {
  opts?.signal?.throwIfAborted();
  const res = await call('upscale', key(), V2_UPSCALE_PATH, sdkUpscaleBody(params));
  if (res.code !== V2_CODES.Normal) throw await novitaError(res.code, res.msg);
  return res.data as UpscaleTask;
}

/** `progress`; `foreign` answers ids the runtime did not issue (the real SDK instance, or V2 pass-through). */
export async function compatProgress(
  key: KeySource,
  params: { task_id: string },
  opts?: SdkCallOptions,
  foreign?: (params: { task_id: string }, opts?: SdkCallOptions) => Promise<V2ProgressData>,
): Promise<V2ProgressData> {
  opts?.signal?.throwIfAborted();
  if (foreign && !(await (await runtimeClient()).owns(params.task_id))) return foreign(params, opts);
  const res = await call('progress', key(), `${V2_PROGRESS_PATH}?task_id=${encodeURIComponent(params.task_id)}`);
  if (res.code !== V2_CODES.Normal) throw await novitaError(res.code, res.msg, '', { ...(res.data as object | undefined), task_id: params.task_id });
  return res.data as V2ProgressData;
}

/** `upscaleSync`: submit, poll every `interval` ms like the SDK, resolve the image URLs (or data URLs). */
export async function compatUpscaleSync(
  key: KeySource,
  params: Record<string, unknown>,
  config: UpscaleSyncConfig | undefined,
  opts: SdkCallOptions | undefined,
  progress: (params: { task_id: string }, opts?: SdkCallOptions) => Promise<V2ProgressData>,
): Promise<string[]> {
  const task = await compatUpscale(key, params, opts);
  if (!task?.task_id) throw await novitaError(-1, 'Failed to start the task.');
  const interval = config?.interval ?? 1000;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, interval));
    const p = await progress({ task_id: task.task_id }, opts);
    if (p.status === 2) return config?.img_type === 'base64' ? Promise.all(p.imgs.map(readImageAsDataUrl)) : p.imgs;
    if (p.status === 3 || p.status === 4) {
      throw await novitaError(0, p.failed_reason || ERROR_GENERATE_IMG_FAILED, '', { task_id: task.task_id, task_status: p.status });
    }
  }
}

/** The SDK's readImgtoBase64: `data:<content-type>;base64,<bytes>`. */
async function readImageAsDataUrl(url: string): Promise<string> {
  const { upscaleV2 } = await import('../fetch-shim.js');
  const res = await upscaleV2(url);
  if (!res.ok) throw await novitaError(res.status, `image download failed: HTTP ${res.status}`);
  return `data:${res.headers.get('content-type') ?? 'image/png'};base64,${Buffer.from(await res.arrayBuffer()).toString('base64')}`;
}

export const functionalKey: KeySource = () => runtimeConfig().apiKey;
