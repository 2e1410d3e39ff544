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

/** Where each part of a V3 upscale request lives. */
export const V3_UPSCALE_REQUEST = {
  modelName: 'request.model_name',
  imageBase64: 'request.image_base64',
  scaleFactor: 'request.scale_factor',
} as const;

/** The V3 task-result response, by what a V2 client used to read. */
export const V3_TASK_RESULT = {
  taskId: 'task.task_id',
  status: 'task.status',
  reason: 'task.reason',
  progressPercent: 'task.progress_percent',
  eta: 'task.eta',
  images: 'images',
  imageUrl: 'image_url',
} as const;

/** V3 restore-face is synchronous: body `{ image_file, fidelity, extra }`. */
export const V3_RESTORE_FACE_DEFAULT_FIDELITY = 0.7;

/** The keys a V3 upscale body may have at its top level (API.md, "V3"). */
export const V3_UPSCALE_BODY_KEYS = ['request', 'extra'] as const;
/** The keys V3 accepts inside `extra` (upscale and restore-face). */
export const V3_EXTRA_KEYS = [
  'response_image_type',
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
