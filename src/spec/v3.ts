/** V3 limits and request/response field paths (API.md, "V3"). */

/** `request.scale_factor` must lie in (min, max]: exclusive below, inclusive above. */
export const V3_SCALE_FACTOR = { minExclusive: 1, maxInclusive: 4 } as const;

export function isV3ScaleFactor(s: number): boolean {
  return Number.isFinite(s) && s > V3_SCALE_FACTOR.minExclusive && s <= V3_SCALE_FACTOR.maxInclusive;
}

/** V3 refuses inputs larger than this on either side (upscale and restore-face). */
export const V3_MAX_INPUT_SIDE = 2048;
/** V3 refuses inputs over this many bytes (decoded). */
export const V3_MAX_INPUT_BYTES = 30 * 1024 * 1024;
/** V3 result URLs live this long; V2's `img_expire_ttl` is gone. */
export const V3_RESULT_TTL_SECONDS = 3600;

export const V3_RESPONSE_IMAGE_TYPES = ['png', 'webp', 'jpeg'] as const;
/** The `extra` key that picks one of V3_RESPONSE_IMAGE_TYPES. */
export const V3_RESPONSE_IMAGE_TYPE_KEY = 'response_image_type';

/**
 * A V3 upscale body is `{ request: { model_name, image_base64, scale_factor }, extra }`.
 * The codemod and the shim build it from these names.
 */
export const V3_REQUEST_KEY = 'request';
export const V3_EXTRA_KEY = 'extra';
/** The fields inside `request`. */
export const V3_REQUEST_FIELD = {
  modelName: 'model_name',
  imageBase64: 'image_base64',
  scaleFactor: 'scale_factor',
} as const;

/** Where each part of a V3 upscale request lives. */
export const V3_UPSCALE_REQUEST = {
  modelName: `${V3_REQUEST_KEY}.${V3_REQUEST_FIELD.modelName}`,
  imageBase64: `${V3_REQUEST_KEY}.${V3_REQUEST_FIELD.imageBase64}`,
  scaleFactor: `${V3_REQUEST_KEY}.${V3_REQUEST_FIELD.scaleFactor}`,
} as const;

/**
 * The task id's name wherever V3 uses it: the upscale answer `{ task_id }`,
 * the task-result query `?task_id=` and the result's `task.task_id`.
 */
export const V3_TASK_ID_KEY = 'task_id';

/** A V3 task result is `{ task: { task_id, status, reason, progress_percent, eta }, images: [{ image_url }] }`. */
export const V3_TASK_KEY = 'task';
/** The fields inside `task`. */
export const V3_TASK_FIELD = {
  taskId: V3_TASK_ID_KEY,
  status: 'status',
  reason: 'reason',
  progressPercent: 'progress_percent',
  eta: 'eta',
} as const;
export const V3_IMAGES_KEY = 'images';
/** The field of each entry of `images`. */
export const V3_IMAGE_URL_KEY = 'image_url';

/** The V3 task-result response, by what a V2 client used to read. */
export const V3_TASK_RESULT = {
  taskId: `${V3_TASK_KEY}.${V3_TASK_FIELD.taskId}`,
  status: `${V3_TASK_KEY}.${V3_TASK_FIELD.status}`,
  reason: `${V3_TASK_KEY}.${V3_TASK_FIELD.reason}`,
  progressPercent: `${V3_TASK_KEY}.${V3_TASK_FIELD.progressPercent}`,
  eta: `${V3_TASK_KEY}.${V3_TASK_FIELD.eta}`,
  images: V3_IMAGES_KEY,
  imageUrl: V3_IMAGE_URL_KEY,
} as const;

/** The error body of a non-2xx V3 answer: `{ code, reason, message }`. */
export const V3_ERROR_FIELD = {
  code: 'code',
  reason: 'reason',
  message: 'message',
} as const;

/** V3 restore-face is synchronous: body `{ image_file, fidelity, extra }`. */
export const V3_RESTORE_FACE_DEFAULT_FIDELITY = 0.7;

/** The keys a V3 upscale body may have at its top level (API.md, "V3"). */
export const V3_UPSCALE_BODY_KEYS = [V3_REQUEST_KEY, V3_EXTRA_KEY] as const;
/** The keys V3 accepts inside `extra` (upscale and restore-face). */
export const V3_EXTRA_KEYS = [
  V3_RESPONSE_IMAGE_TYPE_KEY,
  'webhook',
  'custom_storage',
  'enterprise_plan',
  'enable_nsfw_detection',
  'nsfw_detection_level',
] as const;
/** The keys of a V3 restore-face body. */
export const V3_RESTORE_FACE_BODY_KEYS = ['image_file', 'fidelity', 'extra'] as const;
/** restore-face `fidelity` range, inclusive. */
export const V3_RESTORE_FACE_FIDELITY = { min: 0, max: 1 } as const;
