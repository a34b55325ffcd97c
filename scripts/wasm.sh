#!/usr/bin/env bash
# WebAssembly: builds the npm package in bindings/wasm (the wasm-bindgen CLI pinned to the
# crate's version, then wasm-opt), runs its Node tests (the shared conformance vectors, every
# error path, the package shape, the gzipped size budget) and type-checks a typed use of its
# generated declarations with `tsc --noEmit`. Installs what it needs, skipping what is present.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- tools -------------------------------------------------------------------------------
grep -qx wasm32-unknown-unknown <<<"$(rustup target list --installed)" \
  || rustup target add wasm32-unknown-unknown
# The CLI must be exactly the version of the wasm-bindgen crate in Cargo.lock.
bindgen_version=$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }')" != "$bindgen_version" ]; then
  cargo install wasm-bindgen-cli --version "$bindgen_version"
fi
# TypeScript and binaryen's wasm-opt, as pinned in package-lock.json.
(cd bindings/wasm && npm ci --no-audit --no-fund --loglevel=error)

# --- build -------------------------------------------------------------------------------
# The package with refunds and tickets only first (its size is measured by the size test),
# then the npm package with every capability, which the tests run.
bash bindings/wasm/build.sh --features refund,ticket --out-dir bindings/wasm/pkg-refund-ticket
bash bindings/wasm/build.sh

# --- tests -------------------------------------------------------------------------------
cd bindings/wasm
node --test test/*.test.mjs
npx --no-install tsc -p test/types
echo "tsc --noEmit: the typed usage file checks against the generated declarations"

# --- the Express example, over the package as a shop installs it -------------------------
cd ../../examples/express
npm ci --no-audit --no-fund --loglevel=error
node --test test/
