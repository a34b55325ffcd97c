#!/usr/bin/env bash
# Rust: formatting, lints, unit and property tests, the conformance vectors, doctests
# (the README's examples included), the API documentation, and a compile of the benchmarks.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
# The core as the WebAssembly package builds it: every capability, no schemas, no TOML.
cargo clippy -p recourse-payments --lib --no-default-features --features capabilities --quiet -- -D warnings
# Each capability builds on its own, with the ones it uses: a host may leave the others out.
for capability in money calendar ticket refund privacy sla metrics payment dispute compensation monitor faq; do
  cargo clippy -p recourse-payments --lib --no-default-features --features "$capability" --quiet -- -D warnings
done
# The holiday presets' test runs the Python package `holidays` as its oracle
# (crates/recourse-base/tests/holiday_presets.rs, tests/oracle/holiday_oracle.py): installed
# when absent, at the version the presets were checked against.
if ! python3 -c "import holidays" >/dev/null 2>&1; then
  python3 -m pip install --user --quiet "holidays==0.109" \
    || python3 -m pip install --user --quiet --break-system-packages "holidays==0.109"
fi
if cargo nextest --version >/dev/null 2>&1; then
  cargo nextest run --workspace --no-fail-fast
else
  cargo test --workspace --lib --bins --tests
fi
cargo test --workspace --doc --quiet
# The API documentation builds with every link resolved.
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
# The Rust version the manifests claim (`rust-version`) is the one the libraries and the
# command line are checked with here. (The tests and benchmarks use dependencies that need
# a newer compiler; they are not what a host builds.)
msrv="$(sed -n 's/^rust-version = "\(.*\)"/\1/p' Cargo.toml)"
grep -q "^$msrv" <<<"$(rustup toolchain list)" || rustup toolchain install "$msrv" --profile minimal
CARGO_TARGET_DIR=target/msrv cargo +"$msrv" check --quiet --lib --bins \
  -p recourse-payments -p recourse-payments-base -p recourse-payments-derive \
  -p recourse-payments-cli -p recourse-payments-ffi -p recourse-payments-wasm
# Dependency policy (deny.toml): permissive licenses only, crates.io only, no wildcard
# versions. (Advisories need a database fetched from the network: not checked here.)
command -v cargo-deny >/dev/null || cargo install cargo-deny --locked || cargo install cargo-deny
cargo deny --log-level error check licenses bans sources
