;; The two passes of Pillow's resampler (libImaging/Resample.c, 8 bits per
;; channel) on packed RGB, with WebAssembly SIMD: the same integer sums as
;; Pillow (8-bit sample x fixed-point weight, plus half, >> 22), saturated to
;; 0..255 by the two narrowing steps. Rebuild the embedded module with
;; `node scripts/pil/build-wasm.mjs` (needs wat2wasm: apt-get install wabt).
;;
;; Both functions may read up to 8 bytes past the last input sample and write
;; up to 8 bytes past the last output row: callers leave that much slack.
(module
  (memory (export "memory") 1)

  ;; Horizontal pass over `rows` rows. Per output pixel x: `bounds[2x]` is the
  ;; first input pixel, `bounds[2x+1]` how many it reads; `weights` holds
  ;; `ksize` int32 per output pixel. One i32x4 holds R, G, B (and a spare lane).
  (func (export "horizontal")
    (param $src i32) (param $srcStride i32) (param $dst i32) (param $dstWidth i32)
    (param $rows i32) (param $bounds i32) (param $weights i32) (param $ksize i32)
    (local $y i32) (local $x i32) (local $o i32) (local $row i32) (local $p i32)
    (local $k i32) (local $n i32) (local $t i32) (local $acc v128)
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $row (i32.add (local.get $src) (i32.mul (local.get $y) (local.get $srcStride))))
        (local.set $o (i32.add (local.get $dst) (i32.mul (local.get $y) (i32.mul (local.get $dstWidth) (i32.const 3)))))
        (local.set $x (i32.const 0))
        (block $rowDone
          (loop $eachPixel
            (br_if $rowDone (i32.ge_u (local.get $x) (local.get $dstWidth)))
            (local.set $p (i32.add (local.get $row)
              (i32.mul (i32.load (i32.add (local.get $bounds) (i32.shl (local.get $x) (i32.const 3)))) (i32.const 3))))
            (local.set $n (i32.load offset=4 (i32.add (local.get $bounds) (i32.shl (local.get $x) (i32.const 3)))))
            (local.set $k (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $x) (local.get $ksize)) (i32.const 2))))
            (local.set $acc (i32x4.splat (i32.const 2097152)))
            (local.set $t (i32.const 0))
            (block $tapsDone
              (loop $eachTap
                (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $n)))
                (local.set $acc (i32x4.add (local.get $acc)
                  (i32x4.mul
                    (i32x4.extend_low_i16x8_u (v128.load8x8_u (local.get $p)))
                    (i32x4.splat (i32.load (i32.add (local.get $k) (i32.shl (local.get $t) (i32.const 2))))))))
                (local.set $p (i32.add (local.get $p) (i32.const 3)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $eachTap)))
            (local.set $acc (i32x4.shr_s (local.get $acc) (i32.const 22)))
            ;; 4 bytes stored: the spare one is overwritten by the next pixel.
            (v128.store32_lane 0 (local.get $o)
              (i8x16.narrow_i16x8_u (i16x8.narrow_i32x4_s (local.get $acc) (local.get $acc)) (local.get $acc)))
            (local.set $o (i32.add (local.get $o) (i32.const 3)))
            (local.set $x (i32.add (local.get $x) (i32.const 1)))
            (br $eachPixel)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $eachRow))))

  ;; Vertical pass: output row y is the weighted sum of `bounds[2y+1]` whole
  ;; input rows starting at row `bounds[2y]`, 8 samples at a time.
  (func (export "vertical")
    (param $src i32) (param $dst i32) (param $stride i32) (param $rows i32)
    (param $bounds i32) (param $weights i32) (param $ksize i32)
    (local $y i32) (local $n i32) (local $first i32) (local $k i32) (local $o i32)
    (local $i i32) (local $p i32) (local $t i32) (local $lo v128) (local $hi v128) (local $w v128) (local $v v128)
    (block $done
      (loop $eachRow
        (br_if $done (i32.ge_u (local.get $y) (local.get $rows)))
        (local.set $first (i32.add (local.get $src)
          (i32.mul (i32.load (i32.add (local.get $bounds) (i32.shl (local.get $y) (i32.const 3)))) (local.get $stride))))
        (local.set $n (i32.load offset=4 (i32.add (local.get $bounds) (i32.shl (local.get $y) (i32.const 3)))))
        (local.set $k (i32.add (local.get $weights) (i32.shl (i32.mul (local.get $y) (local.get $ksize)) (i32.const 2))))
        (local.set $o (i32.add (local.get $dst) (i32.mul (local.get $y) (local.get $stride))))
        (local.set $i (i32.const 0))
        (block $rowDone
          (loop $eachGroup
            (br_if $rowDone (i32.ge_u (local.get $i) (local.get $stride)))
            (local.set $lo (i32x4.splat (i32.const 2097152)))
            (local.set $hi (local.get $lo))
            (local.set $p (i32.add (local.get $first) (local.get $i)))
            (local.set $t (i32.const 0))
            (block $tapsDone
              (loop $eachTap
                (br_if $tapsDone (i32.ge_u (local.get $t) (local.get $n)))
                (local.set $w (i32x4.splat (i32.load (i32.add (local.get $k) (i32.shl (local.get $t) (i32.const 2))))))
                (local.set $v (v128.load8x8_u (local.get $p)))
                (local.set $lo (i32x4.add (local.get $lo) (i32x4.mul (i32x4.extend_low_i16x8_u (local.get $v)) (local.get $w))))
                (local.set $hi (i32x4.add (local.get $hi) (i32x4.mul (i32x4.extend_high_i16x8_u (local.get $v)) (local.get $w))))
                (local.set $p (i32.add (local.get $p) (local.get $stride)))
                (local.set $t (i32.add (local.get $t) (i32.const 1)))
                (br $eachTap)))
            ;; 8 bytes stored: past the row end they land in the next row, written later.
            (v128.store64_lane 0 (i32.add (local.get $o) (local.get $i))
              (i8x16.narrow_i16x8_u
                (i16x8.narrow_i32x4_s (i32x4.shr_s (local.get $lo) (i32.const 22)) (i32x4.shr_s (local.get $hi) (i32.const 22)))
                (local.get $lo)))
            (local.set $i (i32.add (local.get $i) (i32.const 8)))
            (br $eachGroup)))
        (local.set $y (i32.add (local.get $y) (i32.const 1)))
        (br $eachRow)))))
