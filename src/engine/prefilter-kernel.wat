;; The byte prefilter's scan (see prefilter.ts): does a file hold one of the
;; endpoint words `pscale`, `PSCALE`, `rogress`, `ROGRESS`, `task-result`?
;; Files are read straight into this memory at BASE (64), so nothing is
;; copied or decoded. Sixteen positions at a time, a position is a candidate
;; when its first two bytes and the byte where the word would end all match
;; (SIMD compares; the second byte cuts the candidates code is full of, like
;; `p` … `e`); each candidate is then checked byte by byte. The caller
;; zeroes 32 bytes after the file, so the loads past its end read zeros.
;; `hasNul` is git's binary test: a NUL byte in the first 8000 bytes.
;; Rebuild the embedded module with `node scripts/pil/build-wasm.mjs`
;; (needs wat2wasm: apt-get install wabt).
(module
  (memory (export "memory") 5)
  ;; The words, 8 bytes apart (`task-result` last): offsets 0, 8, 16, 24, 32.
  (data (i32.const 0) "pscale\00\00PSCALE\00\00rogress\00ROGRESS\00task-result")

  ;; 1 when one of the words starts in [64, 64 + len), else 0.
  (func (export "hasEndpointWord") (param $len i32) (result i32)
    (local $p i32) (local $end i32) (local $bits i32) (local $at i32)
    (local $v0 v128) (local $v1 v128) (local $v5 v128) (local $v6 v128) (local $v10 v128) (local $m v128)
    (local.set $p (i32.const 64))
    (local.set $end (i32.add (i32.const 64) (local.get $len)))
    (block $none
      (loop $eachBlock
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v0 (v128.load (local.get $p)))
        (local.set $v1 (v128.load (i32.add (local.get $p) (i32.const 1))))
        (local.set $v5 (v128.load (i32.add (local.get $p) (i32.const 5))))
        (local.set $v6 (v128.load (i32.add (local.get $p) (i32.const 6))))
        (local.set $v10 (v128.load (i32.add (local.get $p) (i32.const 10))))
        (local.set $m
          (v128.or
            (v128.or
              ;; p s … e
              (v128.and (v128.and (i8x16.eq (local.get $v0) (i8x16.splat (i32.const 112))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 115))))
                        (i8x16.eq (local.get $v5) (i8x16.splat (i32.const 101))))
              ;; P S … E
              (v128.and (v128.and (i8x16.eq (local.get $v0) (i8x16.splat (i32.const 80))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 83))))
                        (i8x16.eq (local.get $v5) (i8x16.splat (i32.const 69)))))
            (v128.or
              (v128.or
                ;; r o … s
                (v128.and (v128.and (i8x16.eq (local.get $v0) (i8x16.splat (i32.const 114))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 111))))
                          (i8x16.eq (local.get $v6) (i8x16.splat (i32.const 115))))
                ;; R O … S
                (v128.and (v128.and (i8x16.eq (local.get $v0) (i8x16.splat (i32.const 82))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 79))))
                          (i8x16.eq (local.get $v6) (i8x16.splat (i32.const 83)))))
              ;; t a … t
              (v128.and (v128.and (i8x16.eq (local.get $v0) (i8x16.splat (i32.const 116))) (i8x16.eq (local.get $v1) (i8x16.splat (i32.const 97))))
                        (i8x16.eq (local.get $v10) (i8x16.splat (i32.const 116)))))))
        (if (v128.any_true (local.get $m))
          (then
            (local.set $bits (i8x16.bitmask (local.get $m)))
            (loop $eachCandidate
              (local.set $at (i32.add (local.get $p) (i32.ctz (local.get $bits))))
              (if (i32.and (i32.lt_u (local.get $at) (local.get $end)) (call $wordAt (local.get $at)))
                (then (return (i32.const 1))))
              ;; clear the lowest set bit
              (local.set $bits (i32.and (local.get $bits) (i32.sub (local.get $bits) (i32.const 1))))
              (br_if $eachCandidate (local.get $bits)))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $eachBlock)))
    (i32.const 0))

;; 1 when one of the first min(len, 8000) bytes from 64 is NUL (the caller's slack is zeros, so stop at len).
  (func (export "hasNul") (param $len i32) (result i32)
    (local $p i32) (local $end i32) (local $bits i32)
    (local.set $p (i32.const 64))
    (local.set $end (i32.add (i32.const 64) (select (local.get $len) (i32.const 8000) (i32.lt_u (local.get $len) (i32.const 8000)))))
    (block $none
      (loop $eachBlock
        (br_if $none (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $bits (i8x16.bitmask (i8x16.eq (v128.load (local.get $p)) (v128.const i64x2 0 0))))
        ;; Only the bytes before the end count: the slack after it is zeros.
        (if (i32.gt_u (i32.add (local.get $p) (i32.const 16)) (local.get $end))
          (then (local.set $bits (i32.and (local.get $bits) (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $p))) (i32.const 1))))))
        (if (local.get $bits) (then (return (i32.const 1))))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $eachBlock)))
    (i32.const 0))

  ;; Whether one of the five words starts at $at.
  (func $wordAt (param $at i32) (result i32)
    (i32.or
      (i32.or
        (i32.or (call $equal (local.get $at) (i32.const 0) (i32.const 6)) (call $equal (local.get $at) (i32.const 8) (i32.const 6)))
        (i32.or (call $equal (local.get $at) (i32.const 16) (i32.const 7)) (call $equal (local.get $at) (i32.const 24) (i32.const 7))))
      (call $equal (local.get $at) (i32.const 32) (i32.const 11))))

  ;; The $n bytes at $a equal those at $b.
  (func $equal (param $a i32) (param $b i32) (param $n i32) (result i32)
    (local $i i32)
    (block $differ
      (loop $each
        (if (i32.ge_u (local.get $i) (local.get $n)) (then (return (i32.const 1))))
        (br_if $differ (i32.ne (i32.load8_u (i32.add (local.get $a) (local.get $i))) (i32.load8_u (i32.add (local.get $b) (local.get $i)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $each)))
    (i32.const 0)))
