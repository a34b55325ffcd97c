#!/usr/bin/env bash
# The README's test command: installs what the tests need (skipping what is present) and
# runs every suite — Rust, C, PHP, WebAssembly in Node, the browser pages, instruction
# counts and fuzzing.
set -euo pipefail
cd "$(dirname "$0")/.."

steps=(
  scripts/rust.sh
  scripts/c.sh
  scripts/php.sh
  scripts/wasm.sh
  scripts/browser.sh
  scripts/instructions.sh
  scripts/fuzz.sh
)
for step in "${steps[@]}"; do
  echo "==> $step"
  bash "$step"
done
echo "==> all suites passed"
