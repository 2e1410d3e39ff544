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
      (i32.shl (i32.wrap_i64 (i64.rem_u (local.get $s2) (i64.const 65521))) (i32.const 16)))))
