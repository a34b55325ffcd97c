#!/usr/bin/env bash
# Builds the npm package's build output into bindings/wasm/pkg (gitignored):
#   recourse_wasm_bg.wasm  the core, size profile (`wasm-release`), then `wasm-opt -Oz`
#   recourse_wasm.js       wasm-bindgen's ES module loader (`--target web`)
#   operations.d.ts        TypeScript types generated from the operations' JSON Schemas
# Needs the wasm32-unknown-unknown target, wasm-bindgen (the crate's version) and the npm
# devDependencies (`npm ci`: binaryen's wasm-opt, pinned in package-lock.json); scripts/wasm.sh
# installs them.
#
#   bash bindings/wasm/build.sh                    every capability, into bindings/wasm/pkg
#   bash bindings/wasm/build.sh --features refund,ticket --out-dir bindings/wasm/pkg-refund-ticket
#                                                  only those capabilities (and the ones they
#                                                  use), for a smaller package
# RECOURSE_WASM_FEATURES and RECOURSE_WASM_PKG set the same two. The TypeScript declarations
# list every operation whatever the features.
set -euo pipefail
cd "$(dirname "$0")/../.."

features=${RECOURSE_WASM_FEATURES:-capabilities}
pkg=${RECOURSE_WASM_PKG:-bindings/wasm/pkg}
while [ $# -gt 0 ]; do
  case $1 in
    --features) features=$2; shift 2 ;;
    --out-dir) pkg=$2; shift 2 ;;
    *) echo "build.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
target_dir=${CARGO_TARGET_DIR:-target}

cargo build -q -p recourse-payments-wasm --lib --no-default-features --features "$features" \
  --target wasm32-unknown-unknown --profile wasm-release
rm -rf "$pkg"
mkdir -p "$pkg"
# The package carries the project's license file, as npm expects at its root.
install -m 0644 LICENSE bindings/wasm/LICENSE
wasm-bindgen --target web --no-typescript --experimental-reset-state-function \
  --out-dir "$pkg" --out-name recourse_wasm \
  "$target_dir/wasm32-unknown-unknown/wasm-release/recourse_wasm.wasm"
# binaryen from npm: a current wasm-opt that knows the features Rust enables by default
# (Debian's binaryen 108 breaks wasm-bindgen's externref table). Measured on this crate with
# every capability (gzipped as the size test does, raw in brackets): -O1 559.3 KB (1567.5),
# -O2 620.3 KB (1520.8), -Oz 612.8 KB (1491.8), -O2 without its inlining 557.0 KB (1549.7) and
# that twice 556.7 KB (1548.3). wasm-opt's inlining copies bodies that gzip would otherwise
# share, and the gzipped size is what a page downloads.
opt=(-O2 --skip-pass=inlining-optimizing)
node bindings/wasm/node_modules/binaryen/bin/wasm-opt "${opt[@]}" "${opt[@]}" \
  --strip-debug --strip-producers "$pkg/recourse_wasm_bg.wasm" -o "$pkg/recourse_wasm_bg.wasm"
cargo run -q -p recourse-payments-wasm --bin recourse-wasm-dts -- "$pkg/operations.d.ts"

raw=$(wc -c < "$pkg/recourse_wasm_bg.wasm")
gz=$(gzip -9c "$pkg/recourse_wasm_bg.wasm" | wc -c)
echo "$pkg/recourse_wasm_bg.wasm (features $features): $raw bytes, $gz bytes gzipped"
