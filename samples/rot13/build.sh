#!/bin/sh
# Rebuilds rot13.wasm from rot13.wat with wabt's wat2wasm (Debian package wabt).
set -eu
cd "$(dirname "$0")"
wat2wasm rot13.wat -o rot13.wasm
echo "built $(pwd)/rot13.wasm ($(wc -c < rot13.wasm) bytes)"
