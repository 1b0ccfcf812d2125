#!/bin/sh
# Rebuilds fetch.wasm from fetch.c with Debian's clang and WASI libc
# (packages clang, lld, wasi-libc, libclang-rt-14-dev-wasm32). The agentry_http_* imports stay
# unresolved at link time: the platform provides them at run time.
# A 64 KiB stack keeps the module's initial memory, which every run allocates, small.
set -eu
cd "$(dirname "$0")"
clang --target=wasm32-wasi -O2 -Wall -Wextra -Werror \
  -Wl,--strip-all -Wl,-z,stack-size=65536 -Wl,--allow-undefined -o fetch.wasm fetch.c
echo "built $(pwd)/fetch.wasm ($(wc -c < fetch.wasm) bytes)"
