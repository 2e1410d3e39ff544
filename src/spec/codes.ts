/** V2 response codes, V2 progress statuses and V3 task statuses (API.md). */

export const V2_CODES = {
  Normal: 0,
  InternalError: -1,
  InvalidJSON: 1,
  ModelNotExist: 2,
  TaskIdNotExist: 3,
  InvalidAuth: 4,
  HostUnavailable: 5,
  ParamRangeOutOfLimit: 6,
  CostBalanceFailure: 7,
  SamplerNotExist: 8,
  Timeout: 9,
  NotSupport: 10,
} as const;
export type V2CodeName = keyof typeof V2_CODES;
export type V2Code = (typeof V2_CODES)[V2CodeName];

export function v2CodeName(code: number): V2CodeName | undefined {
  return (Object.keys(V2_CODES) as V2CodeName[]).find((k) => V2_CODES[k] === code);
}

export const V2_PROGRESS_STATUS = {
  Initializing: 0,
  Running: 1,
  Successful: 2,
  Failed: 3,
  Timeout: 4,
} as const;
export type V2ProgressStatus = (typeof V2_PROGRESS_STATUS)[keyof typeof V2_PROGRESS_STATUS];

/** V3's `task.status` values, by name. */
export const V3_TASK_STATUS = {
  queued: 'TASK_STATUS_QUEUED',
  processing: 'TASK_STATUS_PROCESSING',
  succeed: 'TASK_STATUS_SUCCEED',
  failed: 'TASK_STATUS_FAILED',
} as const;
export type V3TaskStatus = (typeof V3_TASK_STATUS)[keyof typeof V3_TASK_STATUS];

/**
 * V2 progress status -> the V3 task status with the same meaning. V2's 4
 * (timeout) has no V3 status of its own: a V3 task that times out is FAILED.
 */
export const V2_STATUS_TO_V3: Record<V2ProgressStatus, V3TaskStatus> = {
  0: 'TASK_STATUS_QUEUED',
  1: 'TASK_STATUS_PROCESSING',
  2: 'TASK_STATUS_SUCCEED',
  3: 'TASK_STATUS_FAILED',
  4: 'TASK_STATUS_FAILED',
};

/** V3 task status -> the V2 progress status a V2 client expects. */
export const V3_STATUS_TO_V2: Record<V3TaskStatus, V2ProgressStatus> = {
  TASK_STATUS_QUEUED: 0,
  TASK_STATUS_PROCESSING: 1,
  TASK_STATUS_SUCCEED: 2,
  TASK_STATUS_FAILED: 3,
};
