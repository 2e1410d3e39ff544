/**
 * Huffman codes for deflate (RFC 1951 3.2.2): code lengths limited to
 * `maxBits` from symbol frequencies, and the canonical codes of those
 * lengths, bit-reversed because deflate writes codes most significant bit
 * first into a least-significant-first bit stream.
 *
 * Self-contained (no imports, no module constants): the image worker runs
 * these very functions from their source text.
 */

/**
 * Code lengths for `freq` (0 for unused symbols), none above `maxBits`.
 * Always a complete code: with a single used symbol a second one gets
 * length 1 too (inflate refuses incomplete literal/length codes). Too-deep
 * trees are rebuilt with flattened frequencies, which rarely costs more than
 * a fraction of a percent.
 */
export function huffmanLengths(freq: ArrayLike<number>, maxBits: number): Uint8Array {
  const n = freq.length; // at most 512 symbols
  const lengths = new Uint8Array(n);
  const used: number[] = [];
  for (let s = 0; s < n; s++) if (freq[s]! > 0) used.push(s);
  if (used.length === 0) return lengths;
  if (used.length === 1) {
    lengths[used[0]!] = 1;
    lengths[used[0] === 0 ? 1 : 0] = 1;
    return lengths;
  }
  const leaves = used.length;
  const weight = Float64Array.from(used, (s) => freq[s]!);
  // Sort keys: weight, then symbol (deterministic); a typed array sorts numerically, without a comparator.
  const keys = new Float64Array(leaves);
  const nodeWeight = new Float64Array(2 * leaves - 1);
  const parent = new Int32Array(2 * leaves - 1);
  const depth = new Uint8Array(2 * leaves - 1);
  for (;;) {
    for (let i = 0; i < leaves; i++) keys[i] = weight[i]! * 512 + used[i]!;
    keys.sort();
    for (let i = 0; i < leaves; i++) nodeWeight[i] = Math.floor(keys[i]! / 512);
    // Internal nodes come out of the merges in non-decreasing weight, so two queues suffice.
    let leaf = 0;
    let inner = leaves;
    for (let next = leaves; next < 2 * leaves - 1; next++) {
      let sum = 0;
      for (let k = 0; k < 2; k++) {
        const take = leaf < leaves && (inner >= next || nodeWeight[leaf]! <= nodeWeight[inner]!) ? leaf++ : inner++;
        sum += nodeWeight[take]!;
        parent[take] = next;
      }
      nodeWeight[next] = sum;
    }
    // Depths from the root (the last node) down: parents come after children.
    depth[2 * leaves - 2] = 0;
    let deepest = 0;
    for (let i = 2 * leaves - 3; i >= 0; i--) {
      depth[i] = depth[parent[i]!]! + 1;
      if (i < leaves) deepest = Math.max(deepest, depth[i]!);
    }
    if (deepest <= maxBits) {
      for (let i = 0; i < leaves; i++) lengths[keys[i]! % 512] = depth[i]!;
      return lengths;
    }
    for (let i = 0; i < leaves; i++) weight[i] = Math.floor(weight[i]! / 2) + 1;
  }
}

/** Canonical codes for `lengths`, bit-reversed for deflate's bit order. */
export function canonicalCodes(lengths: Uint8Array): Uint16Array {
  const count = new Uint16Array(16);
  for (const len of lengths) count[len]++;
  count[0] = 0;
  const next = new Uint16Array(16);
  for (let len = 1, code = 0; len < 16; len++) {
    code = (code + count[len - 1]!) << 1;
    next[len] = code;
  }
  const codes = new Uint16Array(lengths.length);
  for (let s = 0; s < lengths.length; s++) {
    const len = lengths[s]!;
    if (len === 0) continue;
    let code = next[len]!++;
    let reversed = 0;
    for (let i = 0; i < len; i++, code >>= 1) reversed = (reversed << 1) | (code & 1);
    codes[s] = reversed;
  }
  return codes;
}
