;; PNG row filtering and the zlib checksum with WebAssembly SIMD, for the
;; strip encoder (png-strip.ts). Rebuild the embedded module with
;; `node scripts/pil/build-wasm.mjs` (needs wat2wasm: apt-get install wabt).
(module
  (memory (export "memory") 1)

  ;; Rows [0, rows) of `src` (stride bytes each) into `dst` as PNG lines: a
  ;; filter-type byte, then the row. Filter "Up" (2): each byte minus the byte
  ;; above, modulo 256; the row above row 0 is at src - stride. When
  ;; `firstNone` is 1, row 0 has no row above and gets filter "None" (0).
  ;; Writes up to 16 bytes past the last line: callers leave slack.
  (func (export "filterUp") (param $src i32) (param $dst i32) (param $stride i32) (param $rows i32) (param $firstNone i32)
    (local $r i32) (local $i i32) (local $row i32) (local $out i32) (local $none i32)
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $row (i32.add (local.get $src) (i32.mul (local.get $r) (local.get $stride))))
        (local.set $out (i32.add (local.get $dst) (i32.mul (local.get $r) (i32.add (local.get $stride) (i32.const 1)))))
        (local.set $none (i32.and (i32.eqz (local.get $r)) (local.get $firstNone)))
        (i32.store8 (local.get $out) (select (i32.const 0) (i32.const 2) (local.get $none)))
        (local.set $out (i32.add (local.get $out) (i32.const 1)))
        (local.set $i (i32.const 0))
        (block $rowDone
          (loop $eachVector
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $stride)))
            (v128.store (i32.add (local.get $out) (local.get $i))
              (select (result v128)
                (v128.load (i32.add (local.get $row) (local.get $i)))
                (i8x16.sub
                  (v128.load (i32.add (local.get $row) (local.get $i)))
                  (v128.load (i32.sub (i32.add (local.get $row) (local.get $i)) (local.get $stride))))
                (local.get $none)))
            (local.set $i (i32.add (local.get $i) (i32.const 16)))
            (br $eachVector)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $eachRow))))

  ;; Adler-32 of `len` bytes at `ptr`, continuing from `adler`. In blocks of at
  ;; most 5552 bytes (zlib's NMAX: the sums cannot overflow before the
  ;; modulo). Per 16-byte vector: s1 gains the byte sum; s2 gains 16 * s1
  ;; (kept as the running sum of earlier vectors' sums) plus the bytes
  ;; weighted 16..1.
  (func (export "adler32") (param $ptr i32) (param $len i32) (param $adler i32) (result i32)
    (local $s1 i64) (local $s2 i64) (local $end i32) (local $blockEnd i32) (local $k i32)
    (local $vs1 v128) (local $vs2 v128) (local $vps v128) (local $v v128)
    (local.set $s1 (i64.extend_i32_u (i32.and (local.get $adler) (i32.const 0xffff))))
    (local.set $s2 (i64.extend_i32_u (i32.shr_u (local.get $adler) (i32.const 16))))
    (local.set $end (i32.add (local.get $ptr) (local.get $len)))
    (block $vectorsDone
      (loop $eachBlock
        (br_if $vectorsDone (i32.lt_u (i32.sub (local.get $end) (local.get $ptr)) (i32.const 16)))
        ;; whole vectors in this block: min(347, remaining / 16)
        (local.set $k (i32.shr_u (i32.sub (local.get $end) (local.get $ptr)) (i32.const 4)))
        (if (i32.gt_u (local.get $k) (i32.const 347)) (then (local.set $k (i32.const 347))))
        (local.set $blockEnd (i32.add (local.get $ptr) (i32.shl (local.get $k) (i32.const 4))))
        (local.set $vs1 (v128.const i32x4 0 0 0 0))
        (local.set $vs2 (v128.const i32x4 0 0 0 0))
        (local.set $vps (v128.const i32x4 0 0 0 0))
        (loop $eachVector
          (local.set $v (v128.load (local.get $ptr)))
          (local.set $vps (i32x4.add (local.get $vps) (local.get $vs1)))
          (local.set $vs1 (i32x4.add (local.get $vs1)
            (i32x4.extadd_pairwise_i16x8_u (i16x8.extadd_pairwise_i8x16_u (local.get $v)))))
          (local.set $vs2 (i32x4.add (local.get $vs2)
            (i32x4.add
              (i32x4.dot_i16x8_s (i16x8.extend_low_i8x16_u (local.get $v)) (v128.const i16x8 16 15 14 13 12 11 10 9))
              (i32x4.dot_i16x8_s (i16x8.extend_high_i8x16_u (local.get $v)) (v128.const i16x8 8 7 6 5 4 3 2 1)))))
          (local.set $ptr (i32.add (local.get $ptr) (i32.const 16)))
          (br_if $eachVector (i32.lt_u (local.get $ptr) (local.get $blockEnd))))
        ;; s2 += 16k * s1 + 16 * sum(vps) + sum(vs2); s1 += sum(vs1)
        (local.set $s2 (i64.add (local.get $s2)
          (i64.add
            (i64.mul (i64.extend_i32_u (i32.shl (local.get $k) (i32.const 4))) (local.get $s1))
            (i64.add
              (i64.shl (i64.extend_i32_u (i32.add (i32.add (i32x4.extract_lane 0 (local.get $vps)) (i32x4.extract_lane 1 (local.get $vps)))
                                                  (i32.add (i32x4.extract_lane 2 (local.get $vps)) (i32x4.extract_lane 3 (local.get $vps))))) (i64.const 4))
              (i64.extend_i32_u (i32.add (i32.add (i32x4.extract_lane 0 (local.get $vs2)) (i32x4.extract_lane 1 (local.get $vs2)))
                                         (i32.add (i32x4.extract_lane 2 (local.get $vs2)) (i32x4.extract_lane 3 (local.get $vs2)))))))))
        (local.set $s1 (i64.add (local.get $s1)
          (i64.extend_i32_u (i32.add (i32.add (i32x4.extract_lane 0 (local.get $vs1)) (i32x4.extract_lane 1 (local.get $vs1)))
                                     (i32.add (i32x4.extract_lane 2 (local.get $vs1)) (i32x4.extract_lane 3 (local.get $vs1)))))))
        (local.set $s1 (i64.rem_u (local.get $s1) (i64.const 65521)))
        (local.set $s2 (i64.rem_u (local.get $s2) (i64.const 65521)))
        (br $eachBlock)))
    ;; The last few bytes one at a time.
    (block $tailDone
      (loop $eachByte
        (br_if $tailDone (i32.ge_u (local.get $ptr) (local.get $end)))
        (local.set $s1 (i64.add (local.get $s1) (i64.load8_u (local.get $ptr))))
        (local.set $s2 (i64.add (local.get $s2) (local.get $s1)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.const 1)))
        (br $eachByte)))
    (i32.or
      (i32.wrap_i64 (i64.rem_u (local.get $s1) (i64.const 65521)))
      (i32.shl (i32.wrap_i64 (i64.rem_u (local.get $s2) (i64.const 65521))) (i32.const 16))))
  ;; ---- Deflate (png-deflate.ts): a bit writer and Z_RLE-style tokens. ----
  ;; Bits go out least significant first, 32 at a time, from a 64-bit
  ;; accumulator; the writer may store up to 4 bytes past its data.
  (global $acc (mut i64) (i64.const 0))
  (global $nbits (mut i32) (i32.const 0))
  (global $out (mut i32) (i32.const 0))

  ;; Starts writing at `out`, byte aligned.
  (func (export "bitsStart") (param $out i32)
    (global.set $acc (i64.const 0))
    (global.set $nbits (i32.const 0))
    (global.set $out (local.get $out)))

  ;; Appends the low `n` bits of `value` (n <= 32, value < 2^n).
  (func (export "putBits") (param $value i32) (param $n i32)
    (global.set $acc (i64.or (global.get $acc)
      (i64.shl (i64.extend_i32_u (local.get $value)) (i64.extend_i32_u (global.get $nbits)))))
    (global.set $nbits (i32.add (global.get $nbits) (local.get $n)))
    (if (i32.ge_u (global.get $nbits) (i32.const 32))
      (then
        (i32.store (global.get $out) (i32.wrap_i64 (global.get $acc)))
        (global.set $out (i32.add (global.get $out) (i32.const 4)))
        (global.set $acc (i64.shr_u (global.get $acc) (i64.const 32)))
        (global.set $nbits (i32.sub (global.get $nbits) (i32.const 32))))))

  ;; Pads with zero bits to a byte boundary and writes what is pending;
  ;; returns the position after the last byte.
  (func (export "bitsAlign") (result i32)
    (global.set $nbits (i32.and (i32.add (global.get $nbits) (i32.const 7)) (i32.const -8)))
    (block $done
      (loop $eachByte
        (br_if $done (i32.eqz (global.get $nbits)))
        (i32.store8 (global.get $out) (i32.wrap_i64 (global.get $acc)))
        (global.set $out (i32.add (global.get $out) (i32.const 1)))
        (global.set $acc (i64.shr_u (global.get $acc) (i64.const 8)))
        (global.set $nbits (i32.sub (global.get $nbits) (i32.const 8)))
        (br $eachByte)))
    (global.get $out))

  ;; Continues byte aligned at `out` (after raw bytes were copied there).
  (func (export "bitsSeek") (param $out i32)
    (global.set $out (local.get $out)))

  ;; The deflate tokens of bytes [p, end), as zlib's Z_RLE cuts them: a run
  ;; of 3..258 copies of the byte before (which must be at or after `first`)
  ;; is a match at distance 1; any other byte is a literal. countTokens and
  ;; writeTokens cut the same tokens (both through $runLength), so the counts
  ;; are the codes' frequencies.

  ;; How many bytes from p equal b (p's own included), at most 258 and not past end.
  (func $runLength (param $p i32) (param $end i32) (param $b i32) (result i32)
    (local $q i32) (local $limit i32)
    (local.set $limit (i32.add (local.get $p) (i32.const 258)))
    (if (i32.gt_u (local.get $limit) (local.get $end)) (then (local.set $limit (local.get $end))))
    (local.set $q (i32.add (local.get $p) (i32.const 1)))
    (block $done
      (loop $eachByte
        (br_if $done (i32.ge_u (local.get $q) (local.get $limit)))
        (br_if $done (i32.ne (i32.load8_u (local.get $q)) (local.get $b)))
        (local.set $q (i32.add (local.get $q) (i32.const 1)))
        (br $eachByte)))
    (i32.sub (local.get $q) (local.get $p)))

  ;; Counts the tokens in u32 counters at `hist`: literal b at [b], a run of n at [256 + n - 3].
  (func (export "countTokens") (param $p i32) (param $end i32) (param $first i32) (param $hist i32)
    (local $b i32) (local $prev i32) (local $n i32) (local $slot i32)
    ;; 256 equals no byte: no run at the first byte allowed.
    (local.set $prev (select (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 256) (i32.gt_u (local.get $p) (local.get $first))))
    (block $done
      (loop $eachToken
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $p)))
        (local.set $slot (i32.add (local.get $hist) (i32.shl (local.get $b) (i32.const 2))))
        (local.set $n (i32.const 1))
        (if (i32.eq (local.get $b) (local.get $prev))
          (then
            (local.set $n (call $runLength (local.get $p) (local.get $end) (local.get $b)))
            (if (i32.ge_u (local.get $n) (i32.const 3))
              (then (local.set $slot (i32.add (local.get $hist) (i32.shl (i32.add (local.get $n) (i32.const 253)) (i32.const 2)))))
              (else (local.set $n (i32.const 1))))))
        (i32.store (local.get $slot) (i32.add (i32.load (local.get $slot)) (i32.const 1)))
        (local.set $prev (local.get $b))
        (local.set $p (i32.add (local.get $p) (local.get $n)))
        (br $eachToken))))

  ;; Writes the tokens' codes, from u32 entries at `tables` (code | bits << 24,
  ;; bits <= 24): literal b at [b]; a run of n at [256 + n - 3] (length code,
  ;; extra bits and distance code together). Flushes 4 bytes whenever 32
  ;; bits are pending, without a branch (the branch mispredicts often).
  (func (export "writeTokens") (param $p i32) (param $end i32) (param $first i32) (param $tables i32)
    (local $b i32) (local $prev i32) (local $n i32) (local $code i32)
    (local $acc i64) (local $nb i32) (local $o i32)
    (local.set $acc (global.get $acc))
    (local.set $nb (global.get $nbits))
    (local.set $o (global.get $out))
    (local.set $prev (select (i32.load8_u (i32.sub (local.get $p) (i32.const 1))) (i32.const 256) (i32.gt_u (local.get $p) (local.get $first))))
    (block $done
      (loop $eachToken
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $b (i32.load8_u (local.get $p)))
        (local.set $code (i32.load (i32.add (local.get $tables) (i32.shl (local.get $b) (i32.const 2)))))
        (local.set $n (i32.const 1))
        (if (i32.eq (local.get $b) (local.get $prev))
          (then
            (local.set $n (call $runLength (local.get $p) (local.get $end) (local.get $b)))
            (if (i32.ge_u (local.get $n) (i32.const 3))
              (then (local.set $code (i32.load (i32.add (local.get $tables) (i32.shl (i32.add (local.get $n) (i32.const 253)) (i32.const 2))))))
              (else (local.set $n (i32.const 1))))))
        (local.set $acc (i64.or (local.get $acc)
          (i64.shl (i64.extend_i32_u (i32.and (local.get $code) (i32.const 0xffffff))) (i64.extend_i32_u (local.get $nb)))))
        (local.set $nb (i32.add (local.get $nb) (i32.shr_u (local.get $code) (i32.const 24))))
        (i32.store (local.get $o) (i32.wrap_i64 (local.get $acc)))
        (local.set $o (i32.add (local.get $o) (i32.shr_u (i32.and (local.get $nb) (i32.const 32)) (i32.const 3))))
        (local.set $acc (i64.shr_u (local.get $acc) (i64.extend_i32_u (i32.and (local.get $nb) (i32.const 32)))))
        (local.set $nb (i32.and (local.get $nb) (i32.const 31)))
        (local.set $prev (local.get $b))
        (local.set $p (i32.add (local.get $p) (local.get $n)))
        (br $eachToken)))
    (global.set $acc (local.get $acc))
    (global.set $nbits (local.get $nb))
    (global.set $out (local.get $o)))
)
