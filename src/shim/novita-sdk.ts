/**
 * `novita-migrate-shim/novita-sdk`: the 1.x functional exports with their
 * own names and shapes, answered by the process runtime. The key is the
 * runtime's (configureV2Shim or NOVITA_API_KEY); ids the runtime did not
 * issue are passed through to V2.
 */
import type { V2ProgressData } from './v2/answers.js';
import { compatProgress, compatUpscale, compatUpscaleSync, functionalKey, type SdkCallOptions, type UpscaleSyncConfig, type UpscaleTask } from './clients/novita-sdk-compat.js';

export { withNovitaV2Shim } from './clients/with-novita-v2-shim.js';
export type { UpscaleTask, UpscaleSyncConfig, SdkCallOptions } from './clients/novita-sdk-compat.js';

export function upscale(params: object, opts?: SdkCallOptions): Promise<UpscaleTask> {
  return compatUpscale(functionalKey, params as Record<string, unknown>, opts);
}

export function progress(params: { task_id: string }, opts?: SdkCallOptions): Promise<V2ProgressData> {
  return compatProgress(functionalKey, params, opts);
}

export function upscaleSync(params: object, config?: UpscaleSyncConfig, opts?: SdkCallOptions): Promise<string[]> {
  return compatUpscaleSync(functionalKey, params as Record<string, unknown>, config, opts, progress);
}
