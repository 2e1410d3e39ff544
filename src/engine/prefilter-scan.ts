/**
 * The byte prefilter's fast path for files read from disk: the file is read
 * straight into the WebAssembly kernel's memory (the scan area) and searched
 * there for the endpoint words with SIMD, so a file that cannot hold a call
 * is never copied, decoded or turned into a string. Measured on the bench
 * trees, one regex over a Latin-1 copy cost ~3.8 µs per 4.5 KB file plus the
 * garbage of 200,000 strings; the kernel ~1 µs and none.
 */
import { PREFILTER_KERNEL_WASM } from './prefilter-kernel-wasm.js';

/** Where files start in the kernel's memory (its words live below). */
const BASE = 64;
/** Zeroed after each file: the kernel's loads reach up to 26 bytes past its end. */
const SLACK = 32;
const PAGE = 64 * 1024;

interface Kernel {
  memory: WebAssembly.Memory;
  hasEndpointWord(length: number): number;
  hasNul(length: number): number;
}

let kernel: Kernel | undefined;
let area: Buffer | undefined;
/** The whole memory, for zeroing the slack without a new view per file (remade when the memory grows). */
let bytes: Uint8Array | undefined;

function instance(): Kernel {
  if (!kernel) {
    const bytes = Buffer.from(PREFILTER_KERNEL_WASM, 'base64');
    kernel = new WebAssembly.Instance(new WebAssembly.Module(bytes)).exports as unknown as Kernel;
  }
  return kernel;
}

/**
 * A buffer to read a file into, of at least `capacity` bytes, whose first
 * `keep` bytes hold what the previous area held (growing keeps the contents).
 */
export function scanArea(capacity: number): Buffer {
  const k = instance();
  const needed = BASE + capacity + SLACK;
  if (k.memory.buffer.byteLength < needed) k.memory.grow(Math.ceil((needed - k.memory.buffer.byteLength) / PAGE));
  if (!area || area.buffer !== k.memory.buffer || area.length < capacity) {
    area = Buffer.from(k.memory.buffer, BASE, k.memory.buffer.byteLength - BASE - SLACK);
  }
  return area;
}

/** Whether the first `length` bytes of the scan area name an endpoint (`pscale`, `PSCALE`, `rogress`, `ROGRESS`, `task-result`). */
export function scanAreaHasEndpointWord(length: number): boolean {
  const k = instance();
  if (!bytes || bytes.buffer !== k.memory.buffer) bytes = new Uint8Array(k.memory.buffer);
  bytes.fill(0, BASE + length, BASE + length + SLACK);
  return k.hasEndpointWord(length) === 1;
}

/** Git's binary test on the first `length` bytes of the scan area: a NUL byte in the first 8000. */
export function scanAreaHasNul(length: number): boolean {
  return instance().hasNul(length) === 1;
}
