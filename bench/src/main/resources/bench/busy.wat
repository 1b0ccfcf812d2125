;; A CPU-bound agent for the scale-out benchmark: steps a linear congruential generator as many
;; times as the benchmark writes in place of the format argument (a chain no compiler can fold
;; away), stores the result in its memory, then exits 0.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i64)
    (local $x i64)
    (local.set $n (i64.const %d))
    (block $done
      (loop $again
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $x
          (i64.add
            (i64.mul (local.get $x) (i64.const 6364136223846793005))
            (i64.const 1442695040888963407)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $again)))
    (i64.store (i32.const 0) (local.get $x))))
