/**
 * The two separable passes of Pillow's resampler, over a range of output
 * rows so they can be split across threads. The sums run in the WebAssembly
 * SIMD kernels (lanczos-kernels.wat): the rows a call reads are copied into
 * the module's memory with the weights, and the rows it makes copied out.
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * these very functions from their source text.
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

export function instantiateLanczosKernels(base64: string): LanczosKernels {
  const bytes = Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
  return new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as LanczosKernels;
}

/**
 * Lays out consecutive blocks of the given byte sizes in the kernels'
 * memory, each 16-byte aligned with 16 bytes of slack (the kernels read and
 * write a little past their data), growing the memory when needed.
 */
export function kernelArena(kernels: LanczosKernels, sizes: number[]): number[] {
  const offsets: number[] = [];
  let end = 0;
  for (const size of sizes) {
    offsets.push(end);
    end = (end + size + 16 + 15) & ~15;
  }
  const have = kernels.memory.buffer.byteLength;
  if (end > have) kernels.memory.grow(Math.ceil((end - have) / 65536));
  return offsets;
}

/**
 * Horizontal pass: output rows [rowStart, rowEnd) of `dst` (width `dstWidth`)
 * from input rows rowStart + rowOffset ... of `src` (width `srcWidth`).
 */
export function lanczosHorizontalRows(
  kernels: LanczosKernels,
  src: Uint8Array,
  srcWidth: number,
  dst: Uint8Array,
  dstWidth: number,
  c: PassCoefficients,
  rowOffset: number,
  rowStart: number,
  rowEnd: number,
): void {
  const rows = rowEnd - rowStart;
  if (rows <= 0) return;
  const srcStride = srcWidth * 3;
  const dstStride = dstWidth * 3;
  const [from, to, bounds, weights] = kernelArena(kernels, [rows * srcStride, rows * dstStride, c.bounds.byteLength, c.weights.byteLength]);
  const mem = kernels.memory.buffer;
  new Uint8Array(mem).set(src.subarray((rowStart + rowOffset) * srcStride, (rowEnd + rowOffset) * srcStride), from);
  new Int32Array(mem, bounds, c.bounds.length).set(c.bounds);
  new Int32Array(mem, weights, c.weights.length).set(c.weights);
  kernels.horizontal(from, srcStride, to, dstWidth, rows, bounds, weights, c.ksize);
  dst.set(new Uint8Array(mem, to, rows * dstStride), rowStart * dstStride);
}

/** Vertical pass: output rows [rowStart, rowEnd) of `dst`; `src` has the same width. */
export function lanczosVerticalRows(kernels: LanczosKernels, src: Uint8Array, dst: Uint8Array, width: number, c: PassCoefficients, rowStart: number, rowEnd: number): void {
  const rows = rowEnd - rowStart;
  if (rows <= 0) return;
  const stride = width * 3;
  // Only the input rows these output rows read.
  let first = Infinity;
  let last = 0;
  for (let y = rowStart; y < rowEnd; y++) {
    first = Math.min(first, c.bounds[y * 2]);
    last = Math.max(last, c.bounds[y * 2] + c.bounds[y * 2 + 1]);
  }
  const [from, to, bounds, weights] = kernelArena(kernels, [(last - first) * stride, rows * stride, rows * 8, rows * c.ksize * 4]);
  const mem = kernels.memory.buffer;
  new Uint8Array(mem).set(src.subarray(first * stride, last * stride), from);
  const b = new Int32Array(mem, bounds, rows * 2);
  for (let y = 0; y < rows; y++) {
    b[y * 2] = c.bounds[(rowStart + y) * 2] - first;
    b[y * 2 + 1] = c.bounds[(rowStart + y) * 2 + 1];
  }
  new Int32Array(mem, weights, rows * c.ksize).set(c.weights.subarray(rowStart * c.ksize, rowEnd * c.ksize));
  kernels.vertical(from, to, stride, rows, bounds, weights, c.ksize);
  dst.set(new Uint8Array(mem, to, rows * stride), rowStart * stride);
}
