#!/usr/bin/env bash
# Instruction counts under callgrind: every operation's JSON path and the typed refund
# decision against the committed baseline (benches/instructions.tsv; a regression of more
# than 3% fails), and generated worst cases of every operation within a budget of
# instructions per input byte. `--bless` writes the baseline. See scripts/instructions.py.
set -euo pipefail
cd "$(dirname "$0")/.."

command -v valgrind >/dev/null || bash scripts/apt-install.sh valgrind
cargo build -q --release -p recourse-benches --bin recourse-cost
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
python3 scripts/instructions.py "$target_dir/release/recourse-cost" "$@"
