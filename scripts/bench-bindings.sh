#!/usr/bin/env bash
# Benchmarks of the host paths, in one run (figures, not a test): the C ABI against the
# native Rust JSON path on the same requests (criterion, benches/ffi.rs), then PHP per call
# and per case in a batch (bindings/php/bench/bench.php) over the staged librecourse.
# Usage: bash scripts/bench-bindings.sh   (needs what scripts/c.sh and scripts/php.sh install)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo bench -q -p recourse-benches --bench ffi -- --warm-up-time 1 --measurement-time 5 2>&1 \
  | grep -E '^ffi/|time:|thrpt:'
prefix="$(bash bindings/c/stage.sh target/recourse-c)"
RECOURSE_LIBRARY="$prefix/lib/librecourse.so.0" php -d ffi.enable=1 bindings/php/bench/bench.php 5
