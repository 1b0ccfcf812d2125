#!/bin/sh
# Rebuilds json-pretty.wasm from main.rs with Debian's Rust (packages rustc, libstd-rust-dev-wasm32),
# called by its full path: another rustc earlier on PATH may lack the wasm target. No crates are
# needed. A 64 KiB stack keeps the module's initial memory, which every run allocates, small.
set -eu
cd "$(dirname "$0")"
/usr/bin/rustc --edition 2021 --target wasm32-wasi -C opt-level=s -C lto -C codegen-units=1 \
  -C strip=symbols -C link-arg=-zstack-size=65536 -o json-pretty.wasm main.rs
echo "built $(pwd)/json-pretty.wasm ($(wc -c < json-pretty.wasm) bytes)"
