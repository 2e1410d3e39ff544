/**
 * The in-process V2 client: `upscale` answers exactly like `POST /v2/upscale`
 * and runs the task in the background, `progress` like `GET /v2/progress`,
 * `upscaleSync` waits. Results live `img_expire_ttl` seconds; afterwards the
 * images are gone and progress answers code 3.
 */
import { randomUUID } from 'node:crypto';
import { V2_CODES, V2_PROGRESS_STATUS, type V2ProgressStatus } from '../spec/codes.js';
import { describeUpscalerFate } from '../spec/upscalers.js';
import { V2Error, type BackendContext, type UpscaleBackend } from './backend.js';
import { encodePng } from './image/encode.js';
import { createLocalBackend } from './local-backend.js';
import type { V2ClientFactoryOptions } from './load-v2-client.js';
import { createNovitaBackend } from './novita-backend.js';
import { decodeAndCheck, runV2Pipeline } from './pipeline.js';
import { ResultStore } from './result-store.js';
import { validateV2UpscaleBody, type ValidatedV2Request } from './validate-request.js';
import type { V2Answer, V2ClientSurface } from './v2-http.js';

export interface V2ClientOptions extends V2ClientFactoryOptions {
  /** A task that has not finished after this long ends at status 4 (default 10 min). */
  deadlineMs?: number;
  /** Result bytes kept in memory before spilling to disk. */
  memoryCapBytes?: number;
  /** Clock, for tests. */
  now?: () => number;
}

export interface V2ProgressData {
  status: V2ProgressStatus;
  progress: number;
  eta_relative: number;
  imgs: string[];
  failed_reason: string;
  current_images: null;
  submit_time: string;
  execution_time: string;
  txt2img_time: string;
  finish_time: string;
  info: string;
  enable_nsfw_detection: boolean;
  nsfw_detection_result: { valid: boolean; confidence: number }[];
  debug_info: { submit_time_ms: number; execution_time_ms: number; txt2img_time_ms: number; finish_time_ms: number };
}

export interface V2Client extends V2ClientSurface {
  upscale(body: unknown, options?: { apiKey?: string }): Promise<V2Answer>;
  progress(taskId: string): Promise<V2Answer>;
  /** Submits, waits for the end, and answers the final progress plus the image bytes. */
  upscaleSync(body: unknown, options?: { apiKey?: string; pollIntervalMs?: number }): Promise<V2Answer & { images: Buffer[] }>;
  getResult(id: string): Buffer | undefined;
  close(): void;
}

interface Task {
  id: string;
  status: V2ProgressStatus;
  submitMs: number;
  startMs: number;
  finishMs: number;
  imageIds: string[];
  failedReason: string;
  ttlSeconds: number;
  done: Promise<void>;
}

const DEFAULT_RESULT_BASE = 'https://api.novita.ai/__novita-migrate-shim/results';

function v2Time(ms: number): string {
  if (!ms) return '';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

const answer = (code: number, msg: string, data?: unknown): V2Answer => ({ code, msg, ...(data !== undefined ? { data } : {}) });

export function createV2Client(options: V2ClientOptions = {}): V2Client {
  const now = options.now ?? Date.now;
  const results = new ResultStore({ memoryCapBytes: options.memoryCapBytes, now });
  const tasks = new Map<string, Task>();
  const warnedFeatures = new Set<string>();
  const resultBase = (options.resultBaseUrl ?? DEFAULT_RESULT_BASE).replace(/\/+$/, '');
  const deadlineMs = options.deadlineMs ?? 600_000;
  const timers = new Set<NodeJS.Timeout>();

  const envKey = process.env.NOVITA_API_KEY || undefined;
  const configuredKey = options.apiKey ?? envKey;
  const explicitBackend = options.backend;
  let novita: UpscaleBackend | undefined;
  const local = createLocalBackend();

  /** `local` when asked, or when no key is available and no backend was forced. */
  function backendFor(callerKey: string | undefined): UpscaleBackend {
    if (typeof explicitBackend === 'object') return explicitBackend;
    if (explicitBackend === 'local') return local;
    if (explicitBackend === undefined && !callerKey && !configuredKey) return local;
    if (!callerKey && !configuredKey) throw new V2Error(V2_CODES.InvalidAuth, 'no Novita API key: send an Authorization header or set NOVITA_API_KEY');
    novita ??= createNovitaBackend({ upstream: options.baseUrl, apiKey: configuredKey, fetch: options.fetch });
    return novita;
  }

  function warningsFor(req: ValidatedV2Request, backend: UpscaleBackend): Map<string, string> {
    const w = new Map<string, string>();
    for (const u of [req.upscaler1, req.upscaler2Visibility > 0 ? req.upscaler2 : undefined]) {
      if (u?.fate.kind === 'substitute') w.set(`model-${u.name}`, describeUpscalerFate(u.name));
    }
    if (backend.name === 'local') {
      if (req.upscaler1?.fate.kind === 'same' || req.upscaler1?.fate.kind === 'substitute') w.set('local-upscale', 'local backend: AI upscalers are approximated by Lanczos (no API key, or backend "local")');
      if (req.gfpganVisibility > 0 || req.codeformerVisibility > 0) w.set('local-face', 'local backend: face restoration is skipped (identity)');
    } else if (req.gfpganVisibility > 0) {
      w.set('gfpgan', "GFPGAN runs as V3 restore-face (an approximation of V2's GFPGAN)");
    }
    return w;
  }

  function emitOnce(feature: string, message: string): void {
    if (warnedFeatures.has(feature)) return;
    warnedFeatures.add(feature);
    options.onWarn?.(feature, message);
  }

  function expire(task: Task): void {
    const timer = setTimeout(() => {
      timers.delete(timer);
      tasks.delete(task.id);
      results.sweep();
    }, Math.max(0, task.ttlSeconds * 1000));
    timer.unref();
    timers.add(timer);
  }

  async function run(task: Task, req: ValidatedV2Request, backend: UpscaleBackend, apiKey: string | undefined, decoded: Awaited<ReturnType<typeof decodeAndCheck>>): Promise<void> {
    const controller = new AbortController();
    let timedOut = false;
    const deadline = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, deadlineMs);
    deadline.unref();
    const ctx: BackendContext = { apiKey, signal: controller.signal, warn: emitOnce };
    task.status = V2_PROGRESS_STATUS.Running;
    task.startMs = now();
    try {
      const work = runV2Pipeline(req, backend, ctx, decoded);
      // A backend that never answers still ends the task at the deadline.
      const aborted = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(new V2Error(V2_CODES.Timeout, 'the task timed out')), { once: true }));
      const image = await Promise.race([work, aborted]);
      const png = await encodePng(image);
      task.imageIds = [results.put(png, task.ttlSeconds)];
      task.status = V2_PROGRESS_STATUS.Successful;
    } catch (err) {
      const code = err instanceof V2Error ? err.code : V2_CODES.InternalError;
      task.status = timedOut || code === V2_CODES.Timeout ? V2_PROGRESS_STATUS.Timeout : V2_PROGRESS_STATUS.Failed;
      task.failedReason = err instanceof Error ? err.message : String(err);
    } finally {
      clearTimeout(deadline);
      task.finishMs = now();
      expire(task);
    }
  }

  const client: V2Client = {
    async upscale(body, callOptions = {}) {
      let req: ValidatedV2Request;
      let backend: UpscaleBackend;
      let decoded;
      const apiKey = callOptions.apiKey;
      try {
        req = validateV2UpscaleBody(body);
        backend = backendFor(apiKey);
        decoded = await decodeAndCheck(req);
      } catch (err) {
        if (err instanceof V2Error) return answer(err.code, err.message);
        return answer(V2_CODES.InternalError, 'internal error');
      }
      const warnings = warningsFor(req, backend);
      for (const [feature, message] of warnings) emitOnce(feature, message);
      const task: Task = {
        id: randomUUID(),
        status: V2_PROGRESS_STATUS.Initializing,
        submitMs: now(),
        startMs: 0,
        finishMs: 0,
        imageIds: [],
        failedReason: '',
        ttlSeconds: req.imgExpireTtl,
        done: Promise.resolve(),
      };
      tasks.set(task.id, task);
      task.done = run(task, req, backend, apiKey, decoded);
      return answer(V2_CODES.Normal, '', { task_id: task.id, warn: [...warnings.values()].join('; ') });
    },

    async progress(taskId) {
      const task = typeof taskId === 'string' ? tasks.get(taskId) : undefined;
      if (!task) return answer(V2_CODES.TaskIdNotExist, 'task_id does not exist');
      const finished = task.status >= V2_PROGRESS_STATUS.Successful;
      if (finished && now() >= task.finishMs + task.ttlSeconds * 1000) {
        tasks.delete(task.id);
        return answer(V2_CODES.TaskIdNotExist, 'task_id does not exist (its results expired)');
      }
      const data: V2ProgressData = {
        status: task.status,
        progress: finished ? 1 : task.status === V2_PROGRESS_STATUS.Running ? 0.5 : 0,
        eta_relative: finished ? 0 : 1,
        imgs: task.imageIds.map((id) => `${resultBase}/${id}`),
        failed_reason: task.failedReason,
        current_images: null,
        submit_time: v2Time(task.submitMs),
        execution_time: v2Time(task.startMs),
        txt2img_time: v2Time(task.startMs),
        finish_time: v2Time(task.finishMs),
        info: '',
        enable_nsfw_detection: false,
        nsfw_detection_result: [],
        debug_info: { submit_time_ms: task.submitMs, execution_time_ms: task.startMs, txt2img_time_ms: task.startMs, finish_time_ms: task.finishMs },
      };
      return answer(V2_CODES.Normal, '', data);
    },

    async upscaleSync(body, callOptions = {}) {
      const submitted = await client.upscale(body, callOptions);
      if (submitted.code !== V2_CODES.Normal) return { ...submitted, images: [] };
      const taskId = (submitted.data as { task_id: string }).task_id;
      await tasks.get(taskId)?.done;
      const final = await client.progress(taskId);
      const task = tasks.get(taskId);
      const images = (task?.imageIds ?? []).map((id) => results.get(id)).filter((b): b is Buffer => b !== undefined);
      return { ...final, images };
    },

    getResult(id) {
      return results.get(id);
    },

    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      tasks.clear();
      results.close();
    },
  };
  return client;
}
