/**
 * Image bytes on shared memory: workers read and write them in place, where
 * a plain Buffer would be copied into every worker it is posted to.
 *
 * Scratch known to be dead is given back and reused: shared memory is fresh
 * pages each time, and touching fresh pages is costly here (measured ~5 ms of
 * CPU per MB on these machines), reused pages are not.
 */

/** Given-back memory, at most this much in total. */
const MAX_SPARE_BYTES = 96 << 20;
const spare: SharedArrayBuffer[] = [];
let spareBytes = 0;

/** `length` bytes of shared memory, zeroed unless `zeroed` is false. */
export function sharedBytes(length: number, zeroed = true): Buffer {
  // The smallest spare that fits, unless it would waste more than half of it.
  let best = -1;
  for (let i = 0; i < spare.length; i++) {
    const size = spare[i]!.byteLength;
    if (size >= length && size <= length * 2 && (best < 0 || size < spare[best]!.byteLength)) best = i;
  }
  if (best < 0) return Buffer.from(new SharedArrayBuffer(length));
  const sab = spare.splice(best, 1)[0]!;
  spareBytes -= sab.byteLength;
  const bytes = Buffer.from(sab, 0, length);
  return zeroed ? bytes.fill(0) : bytes;
}

/** Gives shared memory back for reuse; anything else (and a second give-back) is ignored. */
export function releaseBytes(bytes: Buffer): void {
  const sab = bytes.buffer;
  if (!(sab instanceof SharedArrayBuffer) || spare.includes(sab)) return;
  spare.push(sab);
  spareBytes += sab.byteLength;
  while (spareBytes > MAX_SPARE_BYTES) spareBytes -= spare.shift()!.byteLength;
}

/**
 * Runs `use` with `data` on shared memory: `data` itself when it already is,
 * else a copy, given back when `use` settles.
 */
export async function withShared<T>(data: Buffer, use: (shared: Buffer) => Promise<T>): Promise<T> {
  if (data.buffer instanceof SharedArrayBuffer) return use(data);
  const copy = sharedBytes(data.length, false);
  data.copy(copy);
  try {
    return await use(copy);
  } finally {
    releaseBytes(copy);
  }
}

