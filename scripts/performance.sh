#!/usr/bin/env bash
# The performance goals' figures, in one run (figures, not a test): the instruction ratios
# under callgrind (every operation's JSON path against serde_json's parse of the same
# request, a batch per case against one call), then the criterion benchmarks behind each
# row of the README's performance table, with short measurement times. Wall-clock figures
# drift between runs on a shared machine; compare ratios within one run.
# Usage: bash scripts/performance.sh            (Rust only)
#        bash scripts/performance.sh --hosts    (also C, PHP and WebAssembly in Node: needs
#                                                what scripts/c.sh, php.sh and wasm.sh install)
set -euo pipefail
cd "$(dirname "$0")/.."

echo "==> instructions: JSON path / parse, batch / single"
bash scripts/instructions.sh --ratios

criterion() {
  cargo bench -q -p recourse-benches --bench "$1" -- --warm-up-time 1 --measurement-time 3 \
    "${@:2}" 2>&1 | grep -E '^[a-z_]+/|time:|thrpt:' || true
}

echo "==> refund.evaluate: typed, with its receipt, JSON, and serde_json's parse"
criterion refund
echo "==> sla.status on a 50-event log"
criterion sla
echo "==> privacy.redact on a 2 KB chat"
criterion privacy
echo "==> refund.simulate from JSON lines"
criterion refund_simulate
echo "==> ticket.triage on a 300-character message"
criterion ticket
if [[ "${1:-}" == "--hosts" ]]; then
  echo "==> C and PHP per call and per case in a batch"
  bash scripts/bench-bindings.sh
  echo "==> WebAssembly in Node against native"
  criterion wasm
fi
