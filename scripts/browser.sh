#!/usr/bin/env bash
# The storefront page (examples/storefront) in a real browser: Debian's Chromium, headless,
# driven by playwright-core (which never downloads a browser of its own). Installs Chromium
# and the page's npm packages when missing; builds the wasm package if it is not built.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null \
  || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }
[ -f bindings/wasm/pkg/recourse_wasm_bg.wasm ] || bash scripts/wasm.sh

cd examples/storefront
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM=$(command -v chromium) node --test test/*.test.mjs
