#!/bin/sh
# Rebuilds sha256.wasm from sha256.c with Debian's clang and WASI libc (packages clang, lld,
# wasi-libc, libclang-rt-14-dev-wasm32). Loops stay rolled: small functions suit engines that
# compile WebAssembly to JVM bytecode (Chicory), whose JIT gives up on very large methods; Node is
# about as fast either way.
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -fno-unroll-loops -Wall -Wextra -Werror \
  -Wl,--strip-all -Wl,-z,stack-size=65536 -o sha256.wasm sha256.c
echo "built $(pwd)/sha256.wasm ($(wc -c < sha256.wasm) bytes)"
