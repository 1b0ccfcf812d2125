;; A CPU-bound agent for the scale-out benchmark: counts down from a number the benchmark writes
;; in place of the format argument, then exits 0.
(module
  (memory (export "memory") 1)
  (func (export "_start")
    (local $n i64)
    (local.set $n (i64.const %d))
    (block $done
      (loop $again
        (br_if $done (i64.eqz (local.get $n)))
        (local.set $n (i64.sub (local.get $n) (i64.const 1)))
        (br $again)))))
