/**
 * The V2 client: `upscale` answers exactly like `POST /v2/upscale` and runs
 * the task in the background, `progress` like `GET /v2/progress`,
 * `upscaleSync` waits. By default it is a view on the process runtime: its
 * tasks live in the shared store, and any other entry point can poll them.
 * Ids it did not issue are passed through to V2.
 */
import { randomUUID } from 'node:crypto';
import { V2_CODES, V2_PROGRESS_STATUS } from '../spec/codes.js';
import { V2Error, type UpscaleBackend } from './backend.js';
import { createLocalBackend } from './local-backend.js';
import { createNovitaBackend } from './novita-backend.js';
import { MemoryTaskStore } from './runtime/memory-task-store.js';
import { passThroughProgress, type PassThroughCredentials } from './runtime/pass-through.js';
import { runtimeConfig, shimRuntime, warnOnceOnStderr } from './runtime/process-runtime.js';
import type { StoredResult, TaskStore } from './runtime/task-store.js';
import type { QueuedTask, TaskQueue } from './runtime/task-queue.js';
import { v2Answer, progressData } from './v2/answers.js';
import { createSemaphore, type Semaphore } from './v2/concurrency.js';
import { probeAndCheck } from './v2/probe-image.js';
import { runTask } from './v2/task-runner.js';
import { warningsFor, type LocalReason } from './v2/warnings.js';
import { validateV2UpscaleBody, type ValidatedV2Request } from './validate-request.js';
import type { V2Answer, V2ClientSurface, V2HttpAnswer } from './v2-http.js';

export type { V2ProgressData } from './v2/answers.js';

export interface V2ClientOptions {
  /** Key for V3 when a call brings none (default: the runtime's, NOVITA_API_KEY). */
  apiKey?: string;
  /** V3 base URL (default: the runtime's, NOVITA_MIGRATE_V3_BASE_URL or https://api.novita.ai). */
  baseUrl?: string;
  backend?: 'novita' | 'local' | UpscaleBackend;
  /** The fetch the novita backend calls V3 with. */
  fetch?: typeof globalThis.fetch;
  onWarn?: (feature: string, message: string) => void;
  /** Where progress requests for ids this client did not issue go (default: the runtime's V2 base URL). */
  v2BaseUrl?: string;
  /** Base of the result URLs of locally changed images (default: the runtime's loopback server). */
  resultBaseUrl?: string | (() => Promise<string>);
  /** A task that has not finished after this long ends at status 4 (default 10 min). */
  deadlineMs?: number;
  /** Own store instead of the process runtime's (implied by `now`, `memoryCapBytes` or `resultBaseUrl`). */
  store?: TaskStore;
  memoryCapBytes?: number;
  /** Clock, for tests. */
  now?: () => number;
  /** Tasks become jobs on this queue (any replica runs them) instead of running in this process. */
  queue?: TaskQueue;
}

export interface V2CallOptions {
  /** The caller's key (bare, from `Authorization` or `X-Omni-Key`). */
  apiKey?: string;
  /** The caller's credential headers as sent, for pass-through to V2. */
  credentials?: PassThroughCredentials;
}

export interface V2Client extends V2ClientSurface {
  upscale(body: unknown, options?: V2CallOptions): Promise<V2Answer>;
  progress(taskId: string, options?: V2CallOptions): Promise<V2Answer>;
  /** Submits, waits for the end, and answers the final progress plus the image bytes. */
  upscaleSync(body: unknown, options?: V2CallOptions): Promise<V2Answer & { images: Buffer[] }>;
  /** Whether this client's store issued the id (otherwise progress passes it through). */
  owns(taskId: string): Promise<boolean>;
  /** The V2 answer, status and body as they came, for an id the store did not issue. */
  passThrough(taskId: string, credentials: PassThroughCredentials): Promise<V2HttpAnswer>;
  getResult(id: string): Promise<StoredResult | undefined>;
  close(): Promise<void>;
}

const DEFAULT_DEADLINE_MS = 600_000;

export function createV2Client(options: V2ClientOptions = {}): V2Client {
  const ownStore = options.store ?? (options.now || options.memoryCapBytes !== undefined || options.resultBaseUrl !== undefined ? new MemoryTaskStore({ now: options.now, memoryCapBytes: options.memoryCapBytes }) : undefined);
  const runtime = ownStore ? undefined : shimRuntime();
  const store: TaskStore = ownStore ?? runtime!.store;
  const queue = options.queue;
  const limit: Semaphore = queue ? createSemaphore(queue.concurrency) : (runtime?.limit ?? createSemaphore());
  const now = options.now ?? Date.now;
  const deadlineMs = options.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const config = runtimeConfig();
  const configuredKey = options.apiKey ?? config.apiKey;
  const explicitBackend = options.backend ?? config.backend;
  const v2BaseUrl = options.v2BaseUrl ?? config.v2BaseUrl;
  const warned = new Set<string>();
  const running = new Map<string, Promise<void>>();
  let novita: UpscaleBackend | undefined;
  const local = createLocalBackend();

  async function resultBase(): Promise<string> {
    const base = options.resultBaseUrl;
    if (typeof base === 'string') return base.replace(/\/+$/, '');
    if (typeof base === 'function') return (await base()).replace(/\/+$/, '');
    const { loopbackServer } = await import('./runtime/loopback-server.js');
    return `${(await loopbackServer()).origin}/results`;
  }

  /** `local` when asked, or when no key is available and no backend was forced. */
  function backendFor(callerKey: string | undefined): { backend: UpscaleBackend; localReason?: LocalReason } {
    if (typeof explicitBackend === 'object') return { backend: explicitBackend };
    if (explicitBackend === 'local') return { backend: local, localReason: 'configured' };
    const key = callerKey ?? configuredKey;
    if (!key && explicitBackend === undefined) return { backend: local, localReason: 'no-key' };
    if (!key) throw new V2Error(V2_CODES.InvalidAuth, 'no Novita API key: send an Authorization header or set NOVITA_API_KEY');
    novita ??= createNovitaBackend({ upstream: options.baseUrl ?? config.v3BaseUrl, apiKey: configuredKey, fetch: options.fetch });
    return { backend: novita };
  }

  function emitOnce(feature: string, message: string): void {
    if (warned.has(feature)) return;
    warned.add(feature);
    options.onWarn?.(feature, message);
  }

  function credentialsFor(call: V2CallOptions | undefined): PassThroughCredentials {
    if (call?.credentials && (call.credentials.authorization || call.credentials.omniKey)) return call.credentials;
    const key = call?.apiKey ?? configuredKey;
    return key ? { authorization: `Bearer ${key}` } : {};
  }

  function run(task: QueuedTask): Promise<void> {
    let backend: UpscaleBackend;
    try {
      backend = backendFor(task.apiKey).backend;
    } catch (err) {
      return markFailed(task.id, err instanceof Error ? err.message : String(err));
    }
    return runTask({ store, limit, now, deadlineMs }, task.id, task.req, backend, { apiKey: task.apiKey, warn: emitOnce });
  }

  /** A task the queue gave up on ends at status 3, unless it already ended. */
  async function markFailed(id: string, reason: string): Promise<void> {
    const task = await store.getTask(id);
    if (task && task.status < V2_PROGRESS_STATUS.Successful) await store.updateTask(id, { status: V2_PROGRESS_STATUS.Failed, failedReason: reason, finishMs: now() });
  }

  queue?.start({ run, lost: markFailed });

  const client: V2Client = {
    async upscale(body, call = {}) {
      let req: ValidatedV2Request;
      let chosen: ReturnType<typeof backendFor>;
      try {
        req = validateV2UpscaleBody(body);
        chosen = backendFor(call.apiKey);
        await probeAndCheck(req);
        await queue?.admit();
      } catch (err) {
        if (err instanceof V2Error) return v2Answer(err.code, err.message);
        return v2Answer(V2_CODES.InternalError, 'internal error');
      }
      const warnings = warningsFor(req, chosen.backend.name, chosen.localReason);
      for (const [feature, message] of warnings) {
        emitOnce(feature, message);
        if (chosen.localReason === 'no-key' && feature.startsWith('local-')) warnOnceOnStderr(feature, message);
      }
      const id = randomUUID();
      await store.putTask({ id, status: V2_PROGRESS_STATUS.Initializing, submitMs: now(), startMs: 0, finishMs: 0, images: [], failedReason: '', ttlSeconds: req.imgExpireTtl });
      if (queue) {
        try {
          await queue.enqueue({ id, req, apiKey: call.apiKey });
        } catch (err) {
          await markFailed(id, 'the task could not be queued').catch(() => undefined);
          if (err instanceof V2Error) return v2Answer(err.code, err.message);
          throw err;
        }
      } else {
        const done = runTask({ store, limit, now, deadlineMs }, id, req, chosen.backend, { apiKey: call.apiKey, warn: emitOnce }).finally(() => running.delete(id));
        running.set(id, done);
      }
      return v2Answer(V2_CODES.Normal, '', { task_id: id, warn: [...warnings.values()].join('; ') });
    },

    async progress(taskId, call) {
      const id = typeof taskId === 'string' ? taskId : '';
      const task = await store.getTask(id);
      if (task) return v2Answer(V2_CODES.Normal, '', progressData(task, task.images.some((r) => r.kind === 'stored') ? await resultBase() : ''));
      if (await store.issued(id)) return v2Answer(V2_CODES.TaskIdNotExist, 'task_id does not exist (its results expired)');
      const upstream = await client.passThrough(id, credentialsFor(call));
      try {
        return JSON.parse(upstream.body.toString('utf8')) as V2Answer;
      } catch {
        return v2Answer(V2_CODES.InternalError, `V2 answered the pass-through with HTTP ${upstream.status} and a body that is not JSON`);
      }
    },

    async upscaleSync(body, call = {}) {
      const submitted = await client.upscale(body, call);
      if (submitted.code !== V2_CODES.Normal) return { ...submitted, images: [] };
      const taskId = (submitted.data as { task_id: string }).task_id;
      await (running.get(taskId) ?? finished(taskId));
      const final = await client.progress(taskId, call);
      const task = await store.getTask(taskId);
      const images: Buffer[] = [];
      for (const ref of task?.images ?? []) {
        if (ref.kind === 'stored') {
          const r = await store.getResult(ref.id);
          if (r) images.push(r.data);
        } else {
          const res = await (options.fetch ?? globalThis.fetch)(ref.url);
          if (res.ok) images.push(Buffer.from(await res.arrayBuffer()));
        }
      }
      return { ...final, images };
    },

    owns(taskId) {
      return store.issued(taskId);
    },

    passThrough(taskId, credentials) {
      return passThroughProgress(v2BaseUrl, taskId, credentials.authorization || credentials.omniKey ? credentials : credentialsFor(undefined));
    },

    getResult(id) {
      return store.getResult(id);
    },

    async close() {
      if (ownStore && !options.store) await ownStore.close();
    },
  };

  /** A task run by a queue (maybe on another replica) is waited for by polling the store. */
  async function finished(taskId: string): Promise<void> {
    for (;;) {
      const task = await store.getTask(taskId);
      if (!task || task.status >= V2_PROGRESS_STATUS.Successful) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return client;
}
