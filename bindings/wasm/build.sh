#!/usr/bin/env bash
# Builds the npm package's build output into bindings/wasm/pkg (gitignored):
#   recourse_wasm_bg.wasm  the core, size profile (`wasm-release`), then `wasm-opt -Oz`
#   recourse_wasm.js       wasm-bindgen's ES module loader (`--target web`)
#   operations.d.ts        TypeScript types generated from the operations' JSON Schemas
# Needs the wasm32-unknown-unknown target, wasm-bindgen (the crate's version) and the npm
# devDependencies (`npm ci`: binaryen's wasm-opt, pinned in package-lock.json); scripts/wasm.sh
# installs them.
set -euo pipefail
cd "$(dirname "$0")/../.."

target_dir=${CARGO_TARGET_DIR:-target}
pkg=bindings/wasm/pkg

cargo build -q -p recourse-payments-wasm --lib --no-default-features \
  --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$pkg"
mkdir -p "$pkg"
# The package carries the project's license file, as npm expects at its root.
install -m 0644 LICENSE bindings/wasm/LICENSE
wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
  --out-dir "$pkg" --out-name recourse_wasm \
  "$target_dir/wasm32-unknown-unknown/wasm-release/recourse_wasm.wasm"
# binaryen from npm: a current wasm-opt that knows the features Rust enables by default
# (Debian's binaryen 108 breaks wasm-bindgen's externref table). -O1, not -Oz: measured on
# this crate, -Oz gives fewer raw bytes but 13% more gzipped bytes (574 KB against 509 KB),
# and the gzipped size is what a page downloads.
node bindings/wasm/node_modules/binaryen/bin/wasm-opt -O1 --strip-debug --strip-producers \
  "$pkg/recourse_wasm_bg.wasm" -o "$pkg/recourse_wasm_bg.wasm"
cargo run -q -p recourse-payments-wasm --bin recourse-wasm-dts -- "$pkg/operations.d.ts"

raw=$(wc -c < "$pkg/recourse_wasm_bg.wasm")
gz=$(gzip -9c "$pkg/recourse_wasm_bg.wasm" | wc -c)
echo "bindings/wasm/pkg/recourse_wasm_bg.wasm: $raw bytes, $gz bytes gzipped"
