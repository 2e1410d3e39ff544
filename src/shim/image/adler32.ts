/**
 * Adler-32 of two byte runs joined, from the checksum of each and the length
 * of the second (zlib's adler32_combine): lets strips be checksummed on
 * separate threads.
 */
const MOD = 65521;

export function combineAdler32(first: number, second: number, secondLength: number): number {
  const rem = secondLength % MOD;
  const a1 = first & 0xffff;
  const b1 = first >>> 16;
  const a2 = second & 0xffff;
  const b2 = second >>> 16;
  // a = a1 + a2 - 1; b = b1 + b2 + rem * a1 - rem (the second run's b counted its own start of 1).
  const a = (a1 + a2 + MOD - 1) % MOD;
  const b = (b1 + b2 + ((rem * a1) % MOD) + MOD - rem) % MOD;
  return ((b << 16) | a) >>> 0;
}
