/**
 * `novita-migrate-shim` (and `novita-migrate/shim`): the full V2 upscale
 * semantics, run locally on top of V3, for code that cannot migrate yet.
 * Every entry point shares one runtime per process (runtime/process-runtime.ts).
 */
export { upscaleV2, withV2Shim, createShimFetch, installFetchShim, optionsFromEnv, type ShimFetch, type ShimFetchOptions } from './fetch-shim.js';
export { createAxiosAdapter, type ShimAxiosAdapterOptions } from './axios-adapter.js';
export { gotV2Request, type GotRequestFunction } from './clients/got.js';
export { superagentV2, type SuperagentRequestLike } from './clients/superagent.js';
export { undiciRequestV2, type UndiciRequestOptions, type UndiciResponseData, type UndiciBody } from './clients/undici-request.js';
export { withNovitaV2Shim, type NovitaV2Methods } from './clients/with-novita-v2-shim.js';
export { configureV2Shim } from './runtime/process-runtime.js';
export type { V2ShimConfig } from './runtime/config.js';
export type { TaskStore, StoredTask, StoredResult, ResultRef } from './runtime/task-store.js';
export { MemoryTaskStore } from './runtime/memory-task-store.js';
export { createV2Client, type V2Client, type V2ClientOptions, type V2CallOptions, type V2ProgressData } from './v2-client.js';
export { createLocalBackend } from './local-backend.js';
export { createNovitaBackend, type NovitaBackendOptions } from './novita-backend.js';
export { V2Error, type UpscaleBackend, type RgbImage, type BackendContext } from './backend.js';
export { validateV2UpscaleBody, type ValidatedV2Request } from './validate-request.js';
export { runV2Pipeline } from './pipeline.js';
export { encodeImage, decodePng, type EncodeOptions, type OutputFormat } from './image/encode.js';
export { startShimServer, type ShimServer, type ShimServerOptions } from './server.js';
export type { V2Answer } from './v2-http.js';
