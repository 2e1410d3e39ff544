/**
 * The image worker's program, assembled from the same functions the main
 * thread runs (their source text), so the two cannot drift apart and the
 * worker needs no file of its own (it runs the same from src under vitest
 * and from dist). Built-ins come from process.getBuiltinModule, which works
 * whatever module type the worker is evaluated as.
 */
import { PNG_KERNELS_WASM } from './png-kernels-wasm.js';
import { encodePngStrip } from './png-strip.js';
import { instantiateWasm } from './wasm-module.js';

/** What the main thread asks a worker to do, on shared memory. */
export type WorkerTask =
  | { op: 'png-strip'; args: [src: Uint8Array, width: number, rowStart: number, rowEnd: number, options: Parameters<typeof encodePngStrip>[5]] };

export function workerSource(): string {
  return `'use strict';
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const zlib = process.getBuiltinModule('node:zlib');
const instantiateWasm = ${instantiateWasm.toString()};
const encodePngStrip = ${encodePngStrip.toString()};
let kernels;
const pngKernels = () => (kernels ??= instantiateWasm(${JSON.stringify(PNG_KERNELS_WASM)}));
// zlib returns one slice of an output buffer of its own (chunkSize covers the
// whole strip), transferred as is; a small result may sit in Node's shared
// pool, which must not be transferred: copy that.
const deflateRaw = (data, options) => {
  const out = zlib.deflateRawSync(data, options);
  return out.buffer.byteLength > 8192 ? out : new Uint8Array(out);
};
parentPort.on('message', ({ id, task }) => {
  try {
    if (task.op === 'png-strip') {
      const strip = encodePngStrip(pngKernels(), ...task.args, deflateRaw);
      parentPort.postMessage({ id, result: strip }, [strip.deflated.buffer]);
    } else throw new Error('unknown image task ' + task.op);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;
}
