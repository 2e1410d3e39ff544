/**
 * PIL `Image.blend(a, b, v)` on 8-bit channels, as Pillow's ImagingBlend:
 * v = 0 and v = 1 are copies of a and b; otherwise each sample is
 * (UINT8)(a + v * (b - a)) in single precision, truncated. Computed by the
 * WebAssembly SIMD kernel (blend-kernel.wat) in cache-sized chunks.
 */
import type { RgbImage } from '../backend.js';
import { BLEND_KERNEL_WASM } from './blend-kernel-wasm.js';
import { copyImage, imageBytes } from './image-buffers.js';
import { instantiateWasm } from './wasm-module.js';

interface BlendKernel {
  memory: WebAssembly.Memory;
  blend(a: number, b: number, out: number, n: number, alpha: number): void;
}

/** Samples per chunk: three chunks (a, b, out) stay in a core's cache. */
const CHUNK = 1 << 16;
/** Each chunk's place in the kernel's memory, with 16 bytes of slack. */
const A = 0;
const B = CHUNK + 16;
const OUT = 2 * (CHUNK + 16);

let kernel: BlendKernel | undefined;

function blendKernel(): BlendKernel {
  if (!kernel) {
    kernel = instantiateWasm<BlendKernel>(BLEND_KERNEL_WASM);
    const need = 3 * (CHUNK + 16);
    const have = kernel.memory.buffer.byteLength;
    if (need > have) kernel.memory.grow(Math.ceil((need - have) / 65536));
  }
  return kernel;
}

export function blend(a: RgbImage, b: RgbImage, alpha: number): RgbImage {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`blend: sizes differ (${a.width}x${a.height} vs ${b.width}x${b.height})`);
  if (alpha === 0) return copyImage(a);
  if (alpha === 1) return copyImage(b);
  const k = blendKernel();
  const mem = new Uint8Array(k.memory.buffer);
  const out = imageBytes(a.data.length, false); // every byte is written
  for (let start = 0; start < out.length; start += CHUNK) {
    const end = Math.min(out.length, start + CHUNK);
    mem.set(a.data.subarray(start, end), A);
    mem.set(b.data.subarray(start, end), B);
    k.blend(A, B, OUT, end - start, alpha);
    out.set(mem.subarray(OUT, OUT + end - start), start);
  }
  return { width: a.width, height: a.height, data: out };
}
