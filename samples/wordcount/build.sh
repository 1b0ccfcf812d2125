#!/bin/sh
# Rebuilds wordcount.wasm from wordcount.c with Debian's clang and WASI libc
# (packages clang, lld, wasi-libc, libclang-rt-14-dev-wasm32).
# A 64 KiB stack keeps the module's initial memory, which every run allocates, small.
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -Wl,--strip-all -Wl,-z,stack-size=65536 -o wordcount.wasm wordcount.c
echo "built $(pwd)/wordcount.wasm ($(wc -c < wordcount.wasm) bytes)"
