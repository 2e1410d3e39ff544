/**
 * The candidate thread's entry in the CLI bundle: the thread's code is
 * built a second time as one CommonJS file (scripts/bundle-cli.mjs), which
 * this runs with a V8 code cache (code-cache.ts). Where that file is not
 * there (the unbundled build), the thread's module loads as usual.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir, runWithCodeCache } from './code-cache.js';

const bundle = fileURLToPath(new URL('./candidate-worker-code.cjs', import.meta.url));

if (existsSync(bundle)) {
  // Written at once (not after some linting): the main thread ends the thread as soon as the run is done.
  runWithCodeCache(bundle, codeCacheDir(dirname(bundle))).persist();
} else {
  await import('./candidate-worker.js');
}
