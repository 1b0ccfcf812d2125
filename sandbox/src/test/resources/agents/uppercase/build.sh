#!/bin/sh
# Rebuilds uppercase.wasm from main.rs with Debian's Rust (packages rustc, libstd-rust-dev-wasm32).
# Debian's rustc is called by its full path: another rustc earlier on PATH may lack the wasm target.
# A 64 KiB stack instead of the default 1 MiB keeps the module's memory, which every run allocates
# and zeroes, at a few pages.
set -eu
cd "$(dirname "$0")"
/usr/bin/rustc --edition 2021 --target wasm32-wasi -C opt-level=s -C lto -C codegen-units=1 \
  -C strip=symbols -C link-arg=-zstack-size=65536 -o uppercase.wasm main.rs
echo "built $(pwd)/uppercase.wasm ($(wc -c < uppercase.wasm) bytes)"
