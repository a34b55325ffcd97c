#!/usr/bin/env bash
# The US store's refund eligibility decided by Recourse, a GoRules decision table (zen-engine)
# and a JSONLogic rule (datalogic-rs), side by side (benches/peers: a crate of its own, out of
# the main workspace, as zen-engine builds slowly; not part of scripts/test.sh).
#
# Checks first that the three agree on every input (each line's outcome, window and
# restocking fee), then measures one decision of the 3-line order with criterion and counts
# its instructions under callgrind, and prints both with the ratios the performance goals
# name: Recourse typed against zen's table alone (goal: 5 times faster or more), Recourse's
# JSON path against zen's JSON path (goal: faster).
set -euo pipefail
cd "$(dirname "$0")/../benches/peers"

command -v valgrind >/dev/null || bash ../../scripts/apt-install.sh valgrind
cargo build -q --release --locked
target_dir="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
binary="$target_dir/release/recourse-peers"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$binary" check
names=(recourse_typed recourse_json serde_json_parse zen_table zen_json datalogic_rule datalogic_json)
dumps=()
for name in "${names[@]}"; do
  dumps+=("--dump-after=recourse_peers::cost_measure_$name")
done
valgrind --tool=callgrind --collect-atstart=no --toggle-collect='*cost_measure_*' "${dumps[@]}" \
  --callgrind-out-file="$work/profile" "$binary" cost >"$work/calls" 2>"$work/valgrind"
"$binary" bench "$work/times.tsv" >"$work/criterion" 2>&1 || { cat "$work/criterion"; exit 1; }

python3 - "$work" <<'EOF'
import re, sys
from pathlib import Path
work = Path(sys.argv[1])
calls = (work / "calls").read_text().split()
profiles = sorted(work.glob("profile.*"), key=lambda p: int(p.suffix[1:]))
if len(profiles) != len(calls):
    sys.exit(f"{len(calls)} calls named but {len(profiles)} profiles")
instructions = {}
for name, profile in zip(calls, profiles):
    found = re.search(r"^summary: (\d+)$", profile.read_text(), re.M)
    if not found:
        sys.exit(f"no count in {profile.name}")
    instructions[name] = int(found.group(1))
times = dict(line.split("\t") for line in (work / "times.tsv").read_text().splitlines())
times = {k: float(v) for k, v in times.items()}
labels = {
    "recourse_typed": "Recourse typed (refund.evaluate, compiled once)",
    "recourse_json": "Recourse JSON path (call_json)",
    "serde_json_parse": "serde_json parse of the request into a Value",
    "zen_table": "zen-engine decision table alone (3 lines)",
    "zen_json": "zen-engine JSON path (parse, facts, table, answer)",
    "datalogic_rule": "datalogic-rs JSONLogic rule alone (3 lines)",
    "datalogic_json": "datalogic-rs JSON path (parse, facts, rule, answer)",
}
print("\nPer decision of the US store's 3-line order (mean time; instructions of one call):\n")
print(f"{'':52} {'time':>12} {'instructions':>14}")
for name in calls:
    print(f"{labels[name]:52} {times[name] / 1000:>9.2f} µs {instructions[name]:>14,}")
def ratio(slow, fast, goal):
    t, i = times[slow] / times[fast], instructions[slow] / instructions[fast]
    print(f"  {slow} / {fast}: {t:.2f} by time, {i:.2f} by instructions (goal: {goal})")
print("\nRatios (the peer's cost over Recourse's: above 1, Recourse is faster):")
ratio("zen_table", "recourse_typed", "5 or more")
ratio("zen_json", "recourse_json", "above 1")
ratio("datalogic_rule", "recourse_typed", "none")
ratio("datalogic_json", "recourse_json", "none")
EOF
