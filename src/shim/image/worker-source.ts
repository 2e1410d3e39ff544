/**
 * The image worker's program, assembled from the same functions the main
 * thread runs (their source text), so the two cannot drift apart and the
 * worker needs no file of its own (it runs the same from src under vitest
 * and from dist). Built-ins come from process.getBuiltinModule, which works
 * whatever module type the worker is evaluated as.
 */
import { lanczosHorizontalRows, lanczosVerticalRows } from './lanczos-passes.js';
import { encodePngStrip } from './png-strip.js';

/** What the main thread asks a worker to do, on shared memory. */
export type WorkerTask =
  | { op: 'lanczos-h'; args: Parameters<typeof lanczosHorizontalRows> }
  | { op: 'lanczos-v'; args: Parameters<typeof lanczosVerticalRows> }
  | { op: 'png-strip'; args: [src: Uint8Array, width: number, rowStart: number, rowEnd: number, options: Parameters<typeof encodePngStrip>[4]] };

export function workerSource(): string {
  return `'use strict';
const { parentPort } = process.getBuiltinModule('node:worker_threads');
const zlib = process.getBuiltinModule('node:zlib');
const lanczosHorizontalRows = ${lanczosHorizontalRows.toString()};
const lanczosVerticalRows = ${lanczosVerticalRows.toString()};
const encodePngStrip = ${encodePngStrip.toString()};
// Transfer only a buffer of its own (small results can sit in Node's shared pool).
const deflateRaw = (data, options) => {
  const out = zlib.deflateRawSync(data, options);
  return out.byteOffset === 0 && out.byteLength === out.buffer.byteLength ? out : new Uint8Array(out);
};
parentPort.on('message', ({ id, task }) => {
  try {
    if (task.op === 'lanczos-h') parentPort.postMessage({ id, result: lanczosHorizontalRows(...task.args) });
    else if (task.op === 'lanczos-v') parentPort.postMessage({ id, result: lanczosVerticalRows(...task.args) });
    else if (task.op === 'png-strip') {
      const strip = encodePngStrip(...task.args, deflateRaw);
      parentPort.postMessage({ id, result: strip }, [strip.deflated.buffer]);
    } else throw new Error('unknown image task ' + task.op);
  } catch (err) {
    parentPort.postMessage({ id, error: String(err && err.stack || err) });
  }
});
`;
}
