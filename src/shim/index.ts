/**
 * `novita-migrate/shim`: the full V2 upscale semantics, run locally on top of
 * V3, for code that cannot migrate yet.
 */
export { createV2Client, type V2Client, type V2ClientOptions, type V2ProgressData } from './v2-client.js';
export { createLocalBackend } from './local-backend.js';
export { createNovitaBackend, type NovitaBackendOptions } from './novita-backend.js';
export { V2Error, type UpscaleBackend, type RgbImage, type BackendContext } from './backend.js';
export { validateV2UpscaleBody, type ValidatedV2Request } from './validate-request.js';
export { runV2Pipeline } from './pipeline.js';
export { createShimFetch, installFetchShim, upscaleV2, type ShimFetchOptions } from './fetch-shim.js';
export { createAxiosAdapter, type ShimAxiosAdapterOptions } from './axios-adapter.js';
export { startShimServer, type ShimServer, type ShimServerOptions } from './server.js';
export type { V2Answer } from './v2-http.js';
