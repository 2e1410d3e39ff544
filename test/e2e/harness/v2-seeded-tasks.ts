/**
 * V2 tasks that exist before the app runs (e.g. V2 txt2img tasks the app
 * polls through `/v2/progress`), answered in V2's exact progress shape.
 */
import { V2_CODES, V2_PROGRESS_STATUS, type V2ProgressStatus } from '../../../src/spec/codes.js';

export interface SeededV2Task {
  /** The status polls end on (2 successful, 3 failed, 4 timeout, or 0/1 to stay unfinished). */
  status: V2ProgressStatus;
  /** Result image URLs, shown once the status is 2. */
  imgs?: string[];
  failed_reason?: string;
  /** Polls answered with status 1 (running) before `status` shows. Default 0. */
  runningPolls?: number;
  /** More `data` fields to set or override (e.g. `info`, `nsfw_detection_result`). */
  data?: Record<string, unknown>;
}

export interface V2ProgressAnswer {
  code: number;
  msg: string;
  data?: Record<string, unknown>;
}

interface Seeded {
  task: SeededV2Task;
  polls: number;
  submitMs: number;
}

export class V2SeededTasks {
  private readonly tasks = new Map<string, Seeded>();

  seed(id: string, task: SeededV2Task): void {
    this.tasks.set(id, { task, polls: 0, submitMs: Date.now() });
  }

  has(id: string): boolean {
    return this.tasks.has(id);
  }

  /** One poll of `id`; code 3 (TaskIdNotExist) for an id never seeded. */
  progress(id: string): V2ProgressAnswer {
    const seeded = this.tasks.get(id);
    if (!seeded) return { code: V2_CODES.TaskIdNotExist, msg: 'task_id does not exist' };
    const { task } = seeded;
    const running = seeded.polls < (task.runningPolls ?? 0);
    seeded.polls++;
    const status: V2ProgressStatus = running ? V2_PROGRESS_STATUS.Running : task.status;
    const finished = status >= V2_PROGRESS_STATUS.Successful;
    const finishMs = finished ? seeded.submitMs + 1000 : 0;
    const data: Record<string, unknown> = {
      status,
      progress: finished ? 1 : status === V2_PROGRESS_STATUS.Running ? 0.5 : 0,
      eta_relative: finished ? 0 : 1,
      imgs: status === V2_PROGRESS_STATUS.Successful ? [...(task.imgs ?? [])] : [],
      failed_reason: status === V2_PROGRESS_STATUS.Failed || status === V2_PROGRESS_STATUS.Timeout ? (task.failed_reason ?? 'failed') : '',
      current_images: null,
      submit_time: v2Time(seeded.submitMs),
      execution_time: v2Time(seeded.submitMs),
      txt2img_time: v2Time(seeded.submitMs),
      finish_time: v2Time(finishMs),
      info: '',
      enable_nsfw_detection: false,
      nsfw_detection_result: [],
      debug_info: { submit_time_ms: seeded.submitMs, execution_time_ms: seeded.submitMs, txt2img_time_ms: seeded.submitMs, finish_time_ms: finishMs },
      ...task.data,
    };
    return { code: V2_CODES.Normal, msg: '', data };
  }
}

/** V2's time format, `YYYY-MM-DD hh:mm:ss` (empty while unknown). */
function v2Time(ms: number): string {
  return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) : '';
}
