#!/usr/bin/env bash
# The storefront page (examples/storefront) and the agent desk (examples/agent-desk) in a
# real browser: Debian's Chromium, headless, driven by playwright-core (which never downloads a browser of its own); the desk also runs
# axe-core. Installs Chromium and the pages' npm packages when missing; builds the wasm
# package if it is not built. The desk's screenshots go to examples/agent-desk/test/output/.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v chromium >/dev/null || bash scripts/apt-install.sh chromium
[ -f bindings/wasm/pkg/recourse_wasm_bg.wasm ] || bash scripts/wasm.sh

cd examples/storefront
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM=$(command -v chromium) node --test test/*.test.mjs

cd ../agent-desk
npm ci --no-audit --no-fund --loglevel=error
CHROMIUM=$(command -v chromium) node --test test/*.test.mjs
