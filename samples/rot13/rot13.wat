;; An Agentry agent written directly in WebAssembly text: copies stdin to stdout with every ASCII
;; letter rotated by 13 places (ROT13; applying it twice gives the input back). Other bytes,
;; including UTF-8 sequences, pass through unchanged. It shows the whole ABI with no language
;; runtime: `_start` and `memory` exported, WASI preview1 fd_read / fd_write / proc_exit imported.
(module
  (import "wasi_snapshot_preview1" "fd_read"
    (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write"
    (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))

  ;; Layout: 0..8 an iovec {ptr, len}; 8..12 the count of bytes read or written;
  ;; 16.. an error message; 1024..66560 the data buffer.
  (memory (export "memory") 2)
  (data (i32.const 16) "rot13: cannot read stdin or write stdout\n")

  (global $buffer i32 (i32.const 1024))
  (global $buffer_size i32 (i32.const 65536))

  ;; Rotates one byte.
  (func $rotate (param $c i32) (result i32)
    (local $base i32)
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 65)) (i32.le_u (local.get $c) (i32.const 90)))
      (then (local.set $base (i32.const 65))))
    (if (i32.and (i32.ge_u (local.get $c) (i32.const 97)) (i32.le_u (local.get $c) (i32.const 122)))
      (then (local.set $base (i32.const 97))))
    (if (result i32) (local.get $base)
      (then
        (i32.add (local.get $base)
          (i32.rem_u (i32.add (i32.sub (local.get $c) (local.get $base)) (i32.const 13))
                     (i32.const 26))))
      (else (local.get $c))))

  ;; Writes the message at 16 to stderr and exits with code 1.
  (func $fail
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 41))
    (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $proc_exit (i32.const 1)))

  ;; Writes len bytes from ptr to stdout, looping over partial writes.
  (func $write_all (param $ptr i32) (param $len i32)
    (block $done
      (loop $more
        (br_if $done (i32.eqz (local.get $len)))
        (i32.store (i32.const 0) (local.get $ptr))
        (i32.store (i32.const 4) (local.get $len))
        (if (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $fail)))
        (local.set $ptr (i32.add (local.get $ptr) (i32.load (i32.const 8))))
        (local.set $len (i32.sub (local.get $len) (i32.load (i32.const 8))))
        (br $more))))

  (func (export "_start")
    (local $n i32)
    (local $i i32)
    (block $eof
      (loop $chunk
        (i32.store (i32.const 0) (global.get $buffer))
        (i32.store (i32.const 4) (global.get $buffer_size))
        (if (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8))
          (then (call $fail)))
        (local.set $n (i32.load (i32.const 8)))
        (br_if $eof (i32.eqz (local.get $n)))
        (local.set $i (i32.const 0))
        (loop $byte
          (i32.store8 (i32.add (global.get $buffer) (local.get $i))
            (call $rotate (i32.load8_u (i32.add (global.get $buffer) (local.get $i)))))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br_if $byte (i32.lt_u (local.get $i) (local.get $n))))
        (call $write_all (global.get $buffer) (local.get $n))
        (br $chunk)))))
