#!/usr/bin/env python3
"""Instruction counts of the core, under callgrind: a guard against regressions and a check
of bounded cost. Run by scripts/instructions.sh, which builds `recourse-cost` first.

  hot     every operation's JSON path, the typed refund decision and serde_json's parse of
          the same request, compared with benches/instructions.tsv: more than
          RECOURSE_INSTRUCTIONS_TOLERANCE percent (3 by default) above it fails.
  bounds  generated worst cases of every operation: each must cost at most
          FIXED + PER_BYTE instructions per input byte, and a list or text four times
          longer at most GROWTH times the instructions (linear, not worse); a calendar
          search at most SEARCH instructions, whatever it is asked.

  ratios  every operation's JSON path beside serde_json's parse of the same request, a
          batch of 100 refund requests per case beside one call, and refund.simulate per
          case from JSON lines: the performance goals' ratios in instructions (figures, not
          a test; `--ratios`).

`--bless` writes the baseline from this run. Counts depend on the compiler: a baseline
written by another rustc is reported beside the run, not enforced (write it again).
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASELINE = ROOT / "benches" / "instructions.tsv"
FIXED = 200_000
PER_BYTE = 1_500
GROWTH = 4.8
# A calendar search is bounded by the calendar's 100-year horizon, not by the input's length.
SEARCH = 25_000_000
MEASURED = ["cost_measure", "cost_measure_typed", "cost_measure_parse", "cost_measure_batch",
            "cost_measure_simulate"]


def run(binary, mode):
    """The counted calls of one mode: (name, input bytes, outcome, instructions)."""
    with tempfile.TemporaryDirectory() as tmp:
        command = [
            "valgrind", "--tool=callgrind", "--collect-atstart=no",
            "--toggle-collect=*cost_measure*",
            *[f"--dump-after=recourse_cost::{name}" for name in MEASURED],
            f"--callgrind-out-file={tmp}/profile", binary, mode,
        ]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            sys.exit(f"recourse-cost {mode} failed:\n{done.stderr[-4000:]}")
        calls = [line.split("\t") for line in done.stdout.splitlines()]
        profiles = sorted(Path(tmp).glob("profile.*"), key=lambda p: int(p.suffix[1:]))
        if len(profiles) != len(calls):
            sys.exit(f"{mode}: {len(calls)} calls named but {len(profiles)} profiles")
        out = []
        for (name, size, outcome), profile in zip(calls, profiles):
            found = re.search(r"^summary: (\d+)$", profile.read_text(), re.M)
            if not found:
                sys.exit(f"{mode}: no count in {profile.name}")
            out.append((name, int(size), outcome, int(found.group(1))))
        return out


def rustc_version():
    return subprocess.run(["rustc", "--version"], capture_output=True, text=True,
                          check=True).stdout.strip()


def read_baseline():
    if not BASELINE.exists():
        return None, {}
    compiler, counts = None, {}
    for line in BASELINE.read_text().splitlines():
        if line.startswith("# compiler: "):
            compiler = line.removeprefix("# compiler: ")
        elif line and not line.startswith("#"):
            name, count = line.split("\t")
            counts[name] = int(count)
    return compiler, counts


def bless(calls):
    lines = ["# Instructions per call of `recourse-cost hot`, counted by callgrind",
             "# (bash scripts/instructions.sh --bless writes this file).",
             f"# compiler: {rustc_version()}"]
    lines += [f"{name}\t{count}" for name, _, _, count in calls]
    BASELINE.write_text("\n".join(lines) + "\n")
    print(f"wrote {BASELINE.relative_to(ROOT)} ({len(calls)} calls)")


def guard(calls):
    """Problems: counts above the baseline by more than the tolerance."""
    tolerance = float(os.environ.get("RECOURSE_INSTRUCTIONS_TOLERANCE", "3"))
    compiler, baseline = read_baseline()
    enforced = compiler == rustc_version()
    if not enforced:
        print(f"baseline written by {compiler}, this is {rustc_version()}: reported, not enforced")
    problems = []
    print(f"{'call':<64} {'instructions':>12} {'baseline':>12} {'change':>8}")
    for name, _, outcome, count in calls:
        base = baseline.get(name)
        change = f"{100 * (count - base) / base:+.1f}%" if base else "new"
        print(f"{name:<64} {count:>12,} {base or 0:>12,} {change:>8}")
        if outcome != "ok":
            problems.append(f"{name}: answered {outcome}, not an answer")
        elif base is None:
            problems.append(f"{name}: not in the baseline (bash scripts/instructions.sh --bless)")
        elif enforced and count > base * (1 + tolerance / 100):
            problems.append(f"{name}: {count:,} instructions, {change} over the baseline")
    counts = {name: count for name, _, _, count in calls}
    json_path = counts.get("refund.evaluate/us_store_json")
    parse = counts.get("refund.evaluate/us_store_serde_json_parse")
    if json_path and parse:
        print(f"refund.evaluate JSON path / serde_json parse: {json_path / parse:.2f}")
    return problems


def bounds(calls):
    """Problems: a case over its budget, or a grown case growing faster than its input."""
    problems = []
    searches = [c for c in calls if "/one_minute_a_week/" in c[0]]
    print(f"{len(searches)} calendar searches; the costliest: "
          f"{max(searches, key=lambda c: c[3])[0]} at {max(c[3] for c in searches):,}")
    worst = sorted((c for c in calls if c not in searches), key=lambda c: c[3] / c[1],
                   reverse=True)
    print(f"{len(calls)} worst cases; the costliest per input byte:")
    for name, size, outcome, count in worst[:12]:
        print(f"  {name:<72} {size:>7} B {count:>12,} {count / size:>8.0f}/B  {outcome}")
    for name, size, outcome, count in calls:
        if "/one_minute_a_week/" in name:
            if count > SEARCH:
                problems.append(f"{name} ({outcome}): {count:,} instructions, over the "
                                f"search budget of {SEARCH:,}")
        elif count > FIXED + PER_BYTE * size:
            problems.append(f"{name} ({outcome}): {count:,} instructions for {size} bytes, "
                            f"over {FIXED:,} + {PER_BYTE} per byte")
    grown = {name: (size, count) for name, size, _, count in calls}
    for name, (size, count) in grown.items():
        if name.endswith("_64k"):
            small = grown.get(name.removesuffix("_64k") + "_16k")
            if small and count / small[1] > GROWTH * (size / small[0]) / 4:
                problems.append(f"{name}: {count / small[1]:.1f} times the instructions of a "
                                f"{size / small[0]:.1f} times shorter input")
    return problems


def ratios(calls):
    """Prints each JSON path over its parse, and the batch per case over one call."""
    counts = {name: (size, count) for name, size, _, count in calls
              if not name.startswith("refund.simulate/")}
    print(f"{'JSON path of':<58} {'bytes':>6} {'instructions':>12} {'parse':>9} {'ratio':>6}")
    worst = []
    for name, (size, count) in counts.items():
        parse = counts.get(f"{name}/serde_json_parse")
        if parse and not name.startswith("refund.evaluate/us_store"):
            worst.append(count / parse[1])
            print(f"{name:<58} {size:>6} {count:>12,} {parse[1]:>9,} {count / parse[1]:>6.2f}")
    if worst:
        worst.sort()
        print(f"JSON path / parse over {len(worst)} operations: median {worst[len(worst) // 2]:.2f}, "
              f"best {worst[0]:.2f}, worst {worst[-1]:.2f} (goal 1.5)")
    single = counts.get("refund.evaluate/us_store_json")
    batch = counts.get("refund.evaluate/us_store_batch_100")
    if single and batch:
        print(f"refund.evaluate batch of 100, per case: {batch[1] // 100:,} instructions, "
              f"{batch[1] / 100 / single[1]:.2f} x one call ({single[1]:,}) (goal 0.8)")
    simulated = [(n, c) for n, _, _, c in calls if n.startswith("refund.simulate/sample_lines_")]
    parses = [c for n, _, _, c in calls if n == "refund.simulate/sample_line/serde_json_parse"]
    for name, count in simulated:
        per_case = count / int(name.rsplit("_", 1)[1])
        per_line = sum(parses) / max(len(parses), 1)
        print(f"refund.simulate from JSON lines, per case: {per_case:,.0f} instructions, "
              f"{per_case / max(per_line, 1):.2f} x serde_json's parse of a line "
              f"({per_line:,.0f})")


def main():
    binary = sys.argv[1]
    if "--ratios" in sys.argv:
        ratios(run(binary, "ratios"))
        return
    calls = run(binary, "hot")
    if "--bless" in sys.argv:
        bless(calls)
        return
    problems = guard(calls) + bounds(run(binary, "bounds"))
    for problem in problems:
        print(f"FAIL {problem}")
    if problems:
        sys.exit(1)
    print("instruction counts: within the baseline and the budget")


if __name__ == "__main__":
    main()
