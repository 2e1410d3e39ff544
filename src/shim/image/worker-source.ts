/**
 * The image worker's program, assembled from the same functions the main
 * thread runs (their source text), so the two cannot drift apart and the
 * worker needs no file of its own (it runs the same from src under vitest
 * and from dist). Built-ins come from process.getBuiltinModule, which works
 * whatever module type the worker is evaluated as.
 */
import { PNG_KERNELS_WASM } from './png-kernels-wasm.js';
import { canonicalCodes, huffmanLengths } from './deflate-huffman.js';
import { deflateRle } from './png-deflate.js';
import { encodePngStrip } from './png-strip.js';
import { instantiateWasm } from './wasm-module.js';

/** What the main thread asks a worker to do, on shared memory. */
export type WorkerTask =
  | { op: 'png-strip'; args: [src: Uint8Array, width: number, rowStart: number, rowEnd: number, options: Parameters<typeof encodePngStrip>[5], outbox: Uint8Array] };

export function workerSource(): string {
  return `'use strict';
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const zlib = process.getBuiltinModule('node:zlib');
const instantiateWasm = ${instantiateWasm.toString()};
const encodePngStrip = ${encodePngStrip.toString()};
let kernels;
const pngKernels = () => (kernels ??= instantiateWasm(${JSON.stringify(PNG_KERNELS_WASM)}));
const deflaters = {
  raw: (data, o) => zlib.deflateRawSync(data, { level: o.level, strategy: o.strategy, finishFlush: o.finishFlush, chunkSize: o.chunkSize }),
  rle: ${deflateRle.toString()},
  huffman: { lengths: ${huffmanLengths.toString()}, codes: ${canonicalCodes.toString()} },
};
parentPort.on('message', ({ id, task }) => {
  try {
    if (task.op === 'png-strip') {
      const [src, width, rowStart, rowEnd, options, outbox] = task.args;
      parentPort.postMessage({ id, result: encodePngStrip(pngKernels(), src, width, rowStart, rowEnd, options, deflaters, outbox) });
    } else throw new Error('unknown image task ' + task.op);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;
}
