/**
 * Image bytes on shared memory: workers read and write them in place, where
 * a plain Buffer would be copied into every worker it is posted to.
 */
export function sharedBytes(length: number): Buffer {
  return Buffer.from(new SharedArrayBuffer(length));
}

export function asShared(data: Buffer): Buffer {
  if (data.buffer instanceof SharedArrayBuffer) return data;
  const shared = sharedBytes(data.length);
  data.copy(shared);
  return shared;
}
