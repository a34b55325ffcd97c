#!/usr/bin/env bash
# Fuzzing (fuzz/, libFuzzer through cargo-fuzz), each target for a bounded time:
#   call_json  every operation's JSON path on arbitrary bytes (the first byte picks it)
#   config     configuration text, TOML or JSON: building and checking agree
#   redact     privacy.redact on arbitrary text: no card number survives
#   mutate     the conformance vectors' requests, mutated with card numbers, CPFs, e-mail
#              addresses, extreme numbers, deep arrays and unknown keys
# Each checks no panic, valid JSON out, the same bytes twice and no run of 12+ input digits in
# an error (fuzz/src/lib.rs). Inputs start from the committed corpus (fuzz/corpus/<target>)
# and seeds written from tests/vectors and the store files; new inputs go to the corpus, which
# `bash scripts/fuzz.sh --minimize` shrinks to what covers the same code before a commit.
# A crash stops the run and leaves its input in fuzz/artifacts/<target>/.
#   RECOURSE_FUZZ_SECONDS  time per target (default 45)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${RECOURSE_FUZZ_SECONDS:-45}
targets=(call_json config redact mutate)

# --- tools -------------------------------------------------------------------------------
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
# libFuzzer's sanitizer flags are nightly ones; the stable compiler accepts them this way.
export RUSTC_BOOTSTRAP=1

# --- seeds -------------------------------------------------------------------------------
seeds="$(mktemp -d)"
trap 'rm -rf "$seeds"' EXIT
cargo run -q -p recourse-payments-cli -- ops --format json > "$seeds/ops.json"
python3 - "$seeds" <<'PY'
import glob, json, os, sys
out = sys.argv[1]
ops = [op["name"] for op in json.load(open(os.path.join(out, "ops.json")))]
for target in ("call_json", "config", "redact", "mutate"):
    os.makedirs(os.path.join(out, target))
def write(target, name, data):
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)
vectors = []
for path in sorted(glob.glob("tests/vectors/*/*.json")):
    vector = json.load(open(path))
    operation = os.path.basename(os.path.dirname(path))
    name = operation + "." + os.path.basename(path)[:-5]
    if "input" in vector and operation in ops:
        body = json.dumps(vector["input"], ensure_ascii=False).encode()
        write("call_json", name, bytes([ops.index(operation)]) + body)
        if "config" not in vector:
            vectors.append((operation, json.dumps(vector["input"], sort_keys=True)))
        if operation == "privacy.redact" and isinstance(vector["input"].get("text"), str):
            write("redact", name, vector["input"]["text"].encode())
    if isinstance(vector.get("config"), (dict, str)):
        config = vector["config"] if isinstance(vector["config"], str) else json.dumps(vector["config"])
        write("config", name, config.encode())
# The mutate target orders the vectors as it reads them: by operation, then input text.
vectors.sort()
for i in range(len(vectors)):
    write("mutate", "vector%04d" % i, bytes([i & 255, i >> 8]))
for path in glob.glob("examples/policies/*.toml") + ["crates/recourse/config/default.toml", "crates/recourse/config/default.json"]:
    if os.path.exists(path):
        write("config", os.path.basename(path), open(path, "rb").read())
PY

# --- run ---------------------------------------------------------------------------------
cd fuzz
if [ "${1:-}" = "--minimize" ]; then
  for target in "${targets[@]}"; do
    mkdir -p "corpus/$target"
    cargo fuzz cmin "$target" "corpus/$target" -- -timeout=10
  done
  exit 0
fi
cargo fuzz build -O
log="$seeds/run.log"
for target in "${targets[@]}"; do
  mkdir -p "corpus/$target"
  echo "-- $target, ${seconds}s"
  status=0
  cargo fuzz run -O "$target" "corpus/$target" "$seeds/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 > "$log" 2>&1 || status=$?
  grep -E '^(stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb|Done [0-9]+ runs)' "$log" || true
  if [ "$status" -ne 0 ]; then
    tail -n 80 "$log" >&2
    echo "fuzz target $target failed (exit $status); its input is in fuzz/artifacts/$target/" >&2
    exit 1
  fi
done
echo "fuzz: all targets ran clean"
