;; PIL's Image.blend for 8-bit samples with WebAssembly SIMD, as Pillow's
;; ImagingBlend computes it: out = (UINT8)(a + v * (b - a)) in single
;; precision, one rounding after the multiply and one after the add, then
;; truncation. Rebuild the embedded module with `node scripts/pil/build-wasm.mjs`
;; (needs wat2wasm: apt-get install wabt).
(module
  (memory (export "memory") 1)

  ;; `n` samples of `a` and `b` into `out`, 16 at a time (writes up to 15
  ;; bytes past the end: callers leave slack).
  (func (export "blend") (param $a i32) (param $b i32) (param $out i32) (param $n i32) (param $alpha f32)
    (local $i i32) (local $va v128) (local $vb v128) (local $v v128)
    (local $a16 v128) (local $b16 v128) (local $lo v128) (local $hi v128)
    (local.set $v (f32x4.splat (local.get $alpha)))
    (block $done
      (loop $eachVector
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $va (v128.load (i32.add (local.get $a) (local.get $i))))
        (local.set $vb (v128.load (i32.add (local.get $b) (local.get $i))))
        ;; low 8 samples
        (local.set $a16 (i16x8.extend_low_i8x16_u (local.get $va)))
        (local.set $b16 (i16x8.extend_low_i8x16_u (local.get $vb)))
        (local.set $lo (i16x8.narrow_i32x4_s
          (call $mix (i32x4.extend_low_i16x8_u (local.get $a16)) (i32x4.extend_low_i16x8_u (local.get $b16)) (local.get $v))
          (call $mix (i32x4.extend_high_i16x8_u (local.get $a16)) (i32x4.extend_high_i16x8_u (local.get $b16)) (local.get $v))))
        ;; high 8 samples
        (local.set $a16 (i16x8.extend_high_i8x16_u (local.get $va)))
        (local.set $b16 (i16x8.extend_high_i8x16_u (local.get $vb)))
        (local.set $hi (i16x8.narrow_i32x4_s
          (call $mix (i32x4.extend_low_i16x8_u (local.get $a16)) (i32x4.extend_low_i16x8_u (local.get $b16)) (local.get $v))
          (call $mix (i32x4.extend_high_i16x8_u (local.get $a16)) (i32x4.extend_high_i16x8_u (local.get $b16)) (local.get $v))))
        (v128.store (i32.add (local.get $out) (local.get $i)) (i8x16.narrow_i16x8_u (local.get $lo) (local.get $hi)))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $eachVector))))

  ;; trunc(a + v * (b - a)) for four samples, in f32.
  (func $mix (param $a v128) (param $b v128) (param $v v128) (result v128)
    (i32x4.trunc_sat_f32x4_s
      (f32x4.add
        (f32x4.convert_i32x4_s (local.get $a))
        (f32x4.mul (local.get $v) (f32x4.convert_i32x4_s (i32x4.sub (local.get $b) (local.get $a))))))))
