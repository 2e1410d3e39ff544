/**
 * The runtime package fixed code depends on. It installs on its own (only
 * the image codec), so production installs never need the linter's toolchain.
 */
export const SHIM_RUNTIME_PACKAGE = 'novita-migrate-shim';
/** novita-sdk 1.x compatible functional exports (`upscale`, `upscaleSync`, `progress`). */
export const SHIM_SDK_MODULE = `${SHIM_RUNTIME_PACKAGE}/novita-sdk`;
/** The same runtime, re-exported by the linter package (dev installs only). */
export const SHIM_DEV_MODULE = 'novita-migrate/shim';

/** Every module specifier that is the shim runtime. */
export const SHIM_MODULES: readonly string[] = [SHIM_RUNTIME_PACKAGE, SHIM_SDK_MODULE, SHIM_DEV_MODULE];

/** The runtime's drop-in route per client, by export name. */
export const SHIM_EXPORTS = {
  fetch: 'upscaleV2',
  wrapFetch: 'withV2Shim',
  axiosAdapter: 'createAxiosAdapter',
  gotRequest: 'gotV2Request',
  superagentPlugin: 'superagentV2',
  undiciRequest: 'undiciRequestV2',
  sdkInstance: 'withNovitaV2Shim',
} as const;
