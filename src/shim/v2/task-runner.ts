/**
 * Runs one submitted V2 task to its end and records it in the store:
 * decode, pipeline, then the result as V3's own URL (when no local step
 * changed V3's image and V3 keeps it long enough) or as stored PNG bytes.
 * A task that outlives its deadline ends at status 4.
 */
import { V2_CODES, V2_PROGRESS_STATUS } from '../../spec/codes.js';
import { V3_RESULT_TTL_SECONDS } from '../../spec/v3.js';
import { V2Error, type BackendContext, type UpscaleBackend } from '../backend.js';
import { encodePng } from '../image/encode.js';
import { releaseImage } from '../image/image-buffers.js';
import { runV2Pipeline } from '../pipeline.js';
import type { ResultRef, TaskStore } from '../runtime/task-store.js';
import type { ValidatedV2Request } from '../validate-request.js';
import type { Semaphore } from './concurrency.js';

export interface TaskRunContext {
  store: TaskStore;
  limit: Semaphore;
  now: () => number;
  deadlineMs: number;
}

export async function runTask(
  run: TaskRunContext,
  taskId: string,
  req: ValidatedV2Request,
  backend: UpscaleBackend,
  backendCtx: Omit<BackendContext, 'signal'>,
): Promise<void> {
  const controller = new AbortController();
  let timedOut = false;
  const deadline = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, run.deadlineMs);
  deadline.unref();
  // A backend that never answers still ends the task at the deadline.
  const aborted = new Promise<never>((_, reject) =>
    controller.signal.addEventListener('abort', () => reject(new V2Error(V2_CODES.Timeout, 'the task timed out')), { once: true }),
  );
  aborted.catch(() => undefined);
  try {
    const images = await Promise.race([
      run.limit.run(async () => {
        await run.store.updateTask(taskId, { status: V2_PROGRESS_STATUS.Running, startMs: run.now() });
        const image = await runV2Pipeline(req, backend, { ...backendCtx, signal: controller.signal });
        try {
          return [await resultRef(run.store, image, req.imgExpireTtl)];
        } finally {
          releaseImage(image); // encoded: its pixels go back to the pool for the next task
        }
      }),
      aborted,
    ]);
    await run.store.updateTask(taskId, { status: V2_PROGRESS_STATUS.Successful, images, finishMs: run.now() });
  } catch (err) {
    const code = err instanceof V2Error ? err.code : V2_CODES.InternalError;
    await run.store.updateTask(taskId, {
      status: timedOut || code === V2_CODES.Timeout ? V2_PROGRESS_STATUS.Timeout : V2_PROGRESS_STATUS.Failed,
      failedReason: err instanceof Error ? err.message : String(err),
      finishMs: run.now(),
    });
  } finally {
    clearTimeout(deadline);
  }
}

async function resultRef(store: TaskStore, image: Parameters<typeof encodePng>[0], ttlSeconds: number): Promise<ResultRef> {
  if (image.sourceUrl && ttlSeconds <= V3_RESULT_TTL_SECONDS) return { kind: 'url', url: image.sourceUrl };
  return { kind: 'stored', id: await store.putResult(await encodePng(image), 'image/png', ttlSeconds) };
}
