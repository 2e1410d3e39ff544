/** The V2 response shapes and what each field became on V3 (API.md). */

export interface V2ResponseFieldSpec {
  /** Path inside the V2 JSON body. */
  path: string;
  endpoint: 'upscale' | 'progress' | 'both';
  /** Where the same information lives on V3, or how to get it. */
  v3: string;
}

export const V2_RESPONSE_FIELDS: readonly V2ResponseFieldSpec[] = [
  { path: 'code', endpoint: 'both', v3: 'the HTTP status (2xx ok; 400 with an error body `{ code, reason, message }`)' },
  { path: 'msg', endpoint: 'both', v3: 'the error body `message` of a non-2xx response' },
  { path: 'data.task_id', endpoint: 'upscale', v3: '`task_id` at the top level' },
  { path: 'data.warn', endpoint: 'upscale', v3: 'nothing (V3 has no warnings)' },
  { path: 'data.status', endpoint: 'progress', v3: '`task.status` (a `TASK_STATUS_*` string)' },
  { path: 'data.progress', endpoint: 'progress', v3: '`task.progress_percent` (0..100)' },
  { path: 'data.eta_relative', endpoint: 'progress', v3: '`task.eta`' },
  { path: 'data.imgs', endpoint: 'progress', v3: '`images[].image_url`' },
  { path: 'data.failed_reason', endpoint: 'progress', v3: '`task.reason`' },
  { path: 'data.submit_time', endpoint: 'progress', v3: '`extra.debug_info.submit_time_ms`' },
  { path: 'data.execution_time', endpoint: 'progress', v3: '`extra.debug_info.execute_time_ms`' },
  { path: 'data.finish_time', endpoint: 'progress', v3: '`extra.debug_info.complete_time_ms`' },
];

/** Field names that only a V2 response has (for reads like `res.imgs` after a `data` unwrap). */
export const V2_ONLY_RESPONSE_KEYS: readonly string[] = [
  'code', 'msg', 'task_id', 'warn', 'status', 'imgs', 'failed_reason', 'eta_relative',
  'current_images', 'submit_time', 'execution_time', 'txt2img_time', 'finish_time',
];

export function findV2ResponseField(path: string): V2ResponseFieldSpec | undefined {
  return V2_RESPONSE_FIELDS.find((f) => f.path === path || f.path === `data.${path}`);
}
