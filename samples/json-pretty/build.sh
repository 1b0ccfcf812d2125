#!/bin/sh
# Rebuilds json-pretty.wasm from main.rs, by default with Debian's Rust (packages rustc,
# libstd-rust-dev-wasm32) called by its full path, since another rustc earlier on PATH may lack the
# wasm target; RUSTC=... picks another one. No crates are
# needed. A 64 KiB stack keeps the module's initial memory, which every run allocates, small.
set -eu
cd "$(dirname "$0")"
RUSTC=${RUSTC:-/usr/bin/rustc}
# Rust 1.78 renamed the WASI preview1 target from wasm32-wasi to wasm32-wasip1.
if "$RUSTC" --print target-list | grep -qx wasm32-wasip1; then target=wasm32-wasip1; else target=wasm32-wasi; fi
"$RUSTC" --edition 2021 --target "$target" -C opt-level=s -C lto -C codegen-units=1 \
  -C strip=symbols -C link-arg=-zstack-size=65536 -o json-pretty.wasm main.rs
echo "built $(pwd)/json-pretty.wasm ($(wc -c < json-pretty.wasm) bytes)"
