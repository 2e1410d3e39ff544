/**
 * Pillow's two-pass resize for a range of output rows: the horizontal pass
 * over just the input rows the vertical pass reads, then the vertical pass.
 * The sums run in the WebAssembly SIMD kernels (lanczos-kernels.wat): the
 * input rows are copied into the module's memory with the weights, the
 * output rows copied out.
 */

export interface PassCoefficients {
  ksize: number;
  /** Per output pixel (or row): first input index, then how many inputs it reads. */
  bounds: Int32Array;
  weights: Int32Array;
}

export interface LanczosKernels {
  memory: WebAssembly.Memory;
  horizontal(src: number, srcStride: number, dst: number, dstWidth: number, rows: number, bounds: number, weights: number, ksize: number): void;
  vertical(src: number, dst: number, stride: number, rows: number, bounds: number, weights: number, ksize: number): void;
}

/** What a resize needs besides pixels: sizes and the weights of each pass it runs. */
export interface LanczosJob {
  srcWidth: number;
  width: number;
  /** Absent when the width does not change (Pillow skips the pass). */
  horizontal?: PassCoefficients;
  /** Absent when the height does not change. */
  vertical?: PassCoefficients;
}

/** Output rows [rowStart, rowEnd) of `dst`. */
export function lanczosRows(kernels: LanczosKernels, src: Uint8Array, dst: Uint8Array, job: LanczosJob, rowStart: number, rowEnd: number): void {
  const rows = rowEnd - rowStart;
  if (rows <= 0) return;
  const { horizontal: h, vertical: v } = job;
  const srcStride = job.srcWidth * 3;
  const dstStride = job.width * 3;
  // The input rows read: the vertical windows of these rows, or the rows themselves.
  let first = rowStart;
  let last = rowEnd;
  if (v) {
    first = Infinity;
    last = 0;
    for (let y = rowStart; y < rowEnd; y++) {
      first = Math.min(first, v.bounds[y * 2]);
      last = Math.max(last, v.bounds[y * 2] + v.bounds[y * 2 + 1]);
    }
  }
  const inRows = last - first;
  // Blocks in the kernels' memory, 16-byte aligned with 16 bytes of slack
  // after each (the kernels read and write a little past their data).
  const sizes = [inRows * srcStride, h && v ? inRows * dstStride : 0, rows * dstStride, h ? h.bounds.byteLength : 0, h ? h.weights.byteLength : 0, rows * 8, v ? rows * v.ksize * 4 : 0];
  const at: number[] = [];
  let end = 0;
  for (const size of sizes) {
    at.push(end);
    end = (end + size + 16 + 15) & ~15;
  }
  const [input, temp, out, hBounds, hWeights, vBounds, vWeights] = at as [number, number, number, number, number, number, number];
  const have = kernels.memory.buffer.byteLength;
  if (end > have) kernels.memory.grow(Math.ceil((end - have) / 65536));
  const mem = kernels.memory.buffer;
  new Uint8Array(mem).set(src.subarray(first * srcStride, last * srcStride), input);
  if (h) {
    new Int32Array(mem, hBounds, h.bounds.length).set(h.bounds);
    new Int32Array(mem, hWeights, h.weights.length).set(h.weights);
    kernels.horizontal(input, srcStride, v ? temp : out, job.width, inRows, hBounds, hWeights, h.ksize);
  }
  if (v) {
    const b = new Int32Array(mem, vBounds, rows * 2);
    for (let y = 0; y < rows; y++) {
      b[y * 2] = v.bounds[(rowStart + y) * 2] - first;
      b[y * 2 + 1] = v.bounds[(rowStart + y) * 2 + 1];
    }
    new Int32Array(mem, vWeights, rows * v.ksize).set(v.weights.subarray(rowStart * v.ksize, rowEnd * v.ksize));
    kernels.vertical(h ? temp : input, out, dstStride, rows, vBounds, vWeights, v.ksize);
  }
  dst.set(new Uint8Array(mem, out, rows * dstStride), rowStart * dstStride);
}
