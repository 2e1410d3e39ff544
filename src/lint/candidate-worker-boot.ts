/**
 * The candidate thread's entry in the CLI bundle: scripts/bundle-cli.mjs
 * builds the thread's code (candidate-worker.ts) a second time as one
 * CommonJS file next to this one, and this runs it with a V8 code cache
 * (code-cache.ts). The unbundled build spawns candidate-worker.js itself.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codeCacheDir, runWithCodeCache } from './code-cache.js';

const bundle = fileURLToPath(new URL('./candidate-worker-code.cjs', import.meta.url));
// Written at once (not after some linting): the main thread ends the thread as soon as the run is done.
runWithCodeCache(bundle, codeCacheDir(dirname(bundle))).persist();
