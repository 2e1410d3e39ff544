/**
 * Image bytes on shared memory: workers read and write them in place, where
 * a plain Buffer would be copied into every worker it is posted to.
 *
 * Scratch memory that never leaves a function is borrowed and given back:
 * touching fresh pages is costly (measured ~5 ms of CPU per MB on these
 * machines), reused pages are not.
 */
export function sharedBytes(length: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(length));
}

const spare: Buffer[] = [];
const MAX_SPARE = 4;

/** Shared scratch of `length` bytes (old contents); give it back with returnScratch. */
export function borrowScratch(length: number): Buffer {
  const i = spare.findIndex((b) => b.length >= length);
  const whole = i >= 0 ? spare.splice(i, 1)[0]! : sharedBytes(length);
  return whole.subarray(0, length);
}

/**
 * Runs `use` with `data` on shared memory: `data` itself when it already is,
 * else a borrowed copy, given back when `use` settles.
 */
export async function withShared<T>(data: Buffer, use: (shared: Buffer) => Promise<T>): Promise<T> {
  if (data.buffer instanceof SharedArrayBuffer) return use(data);
  const copy = borrowScratch(data.length);
  data.copy(copy);
  try {
    return await use(copy);
  } finally {
    returnScratch(copy);
  }
}

export function returnScratch(scratch: Buffer): void {
  const whole = Buffer.from(scratch.buffer as SharedArrayBuffer);
  if (spare.length >= MAX_SPARE) spare.sort((a, b) => a.length - b.length).shift();
  spare.push(whole);
}
