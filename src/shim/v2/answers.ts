/** The V2 JSON answers: `{ code, msg, data }` and the progress `data` of a stored task. */
import { V2_PROGRESS_STATUS, type V2ProgressStatus } from '../../spec/codes.js';
import type { ResultRef, StoredTask } from '../runtime/task-store.js';
import type { V2Answer } from '../v2-http.js';

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

export const v2Answer = (code: number, msg: string, data?: unknown): V2Answer => ({ code, msg, ...(data !== undefined ? { data } : {}) });

/** V2's `"YYYY-MM-DD hh:mm:ss"` (UTC); empty before the moment happened. */
export function v2Time(ms: number): string {
  if (!ms) return '';
  return new Date(ms).toISOString().replace('T', ' ').slice(0, 19);
}

export function resultUrl(ref: ResultRef, resultBase: string): string {
  return ref.kind === 'url' ? ref.url : `${resultBase}/${ref.id}`;
}

export function progressData(task: StoredTask, resultBase: string): V2ProgressData {
  const finished = task.status >= V2_PROGRESS_STATUS.Successful;
  return {
    status: task.status,
    progress: finished ? 1 : task.status === V2_PROGRESS_STATUS.Running ? 0.5 : 0,
    eta_relative: finished ? 0 : 1,
    imgs: task.images.map((ref) => resultUrl(ref, resultBase)),
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
}
