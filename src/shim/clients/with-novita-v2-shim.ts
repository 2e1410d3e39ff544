/**
 * `withNovitaV2Shim(new NovitaSDK(key))`: the instance with `upscale`,
 * `upscaleSync` and `progress` answered by the runtime; every other member
 * is the instance's own (its key and base URL included). A progress id the
 * runtime did not issue goes to the instance's own `progress` (V2, its key).
 */
import type { V2ProgressData } from '../v2/answers.js';
import { compatProgress, compatUpscale, compatUpscaleSync, type SdkCallOptions, type UpscaleSyncConfig, type UpscaleTask } from './novita-sdk-compat.js';

/** The 1.x instance members the compat layer reads. */
export interface NovitaSdkInstanceLike {
  key?: string;
  progress?(params: { task_id: string }, opts?: SdkCallOptions): Promise<unknown>;
}

export interface NovitaV2Methods {
  upscale(params: object, opts?: SdkCallOptions): Promise<UpscaleTask>;
  upscaleSync(params: object, config?: UpscaleSyncConfig, opts?: SdkCallOptions): Promise<string[]>;
  progress(params: { task_id: string }, opts?: SdkCallOptions): Promise<V2ProgressData>;
}

const wrappedInstances = new WeakMap<object, object>();

export function withNovitaV2Shim<T extends object>(sdk: T): Omit<T, keyof NovitaV2Methods> & NovitaV2Methods {
  const existing = wrappedInstances.get(sdk);
  if (existing) return existing as Omit<T, keyof NovitaV2Methods> & NovitaV2Methods;
  const instance = sdk as T & NovitaSdkInstanceLike;
  const key = () => instance.key;
  const foreign = instance.progress ? (p: { task_id: string }, o?: SdkCallOptions) => instance.progress!.call(instance, p, o) as Promise<V2ProgressData> : undefined;
  const progress = (params: { task_id: string }, opts?: SdkCallOptions) => compatProgress(key, params, opts, foreign);
  const methods: NovitaV2Methods = {
    upscale: (params, opts) => compatUpscale(key, params as Record<string, unknown>, opts),
    upscaleSync: (params, config, opts) => compatUpscaleSync(key, params as Record<string, unknown>, config, opts, progress),
    progress,
  };
  const proxy = new Proxy(sdk, {
    get(target, prop) {
      if (prop === 'upscale' || prop === 'upscaleSync' || prop === 'progress') return methods[prop];
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  wrappedInstances.set(sdk, proxy);
  return proxy as Omit<T, keyof NovitaV2Methods> & NovitaV2Methods;
}
