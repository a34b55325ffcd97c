#!/usr/bin/env bash
# Builds the C library in release mode and stages an installable tree:
#   PREFIX/lib/librecourse.so.<version> (soname librecourse.so.0) with the librecourse.so.0
#   and librecourse.so links, PREFIX/lib/librecourse.a, PREFIX/include/recourse.h and
#   PREFIX/lib/pkgconfig/recourse.pc.
# Usage: bash bindings/c/stage.sh [PREFIX]   (default: target/recourse-c)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
prefix="${1:-$root/target/recourse-c}"
mkdir -p "$prefix"
prefix="$(cd "$prefix" && pwd)"

cd "$root"
cargo build -q --release -p recourse-payments-ffi
version="$(sed -n '0,/^version = "\(.*\)"/s//\1/p' Cargo.toml)"
release="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release"

mkdir -p "$prefix/lib/pkgconfig" "$prefix/include"
install -m 0755 "$release/librecourse_ffi.so" "$prefix/lib/librecourse.so.$version"
ln -sf "librecourse.so.$version" "$prefix/lib/librecourse.so.0"
ln -sf "librecourse.so.0" "$prefix/lib/librecourse.so"
install -m 0644 "$release/librecourse_ffi.a" "$prefix/lib/librecourse.a"
install -m 0644 "$here/include/recourse.h" "$prefix/include/recourse.h"
sed -e "s|@PREFIX@|$prefix|" -e "s|@VERSION@|$version|" "$here/recourse.pc.in" \
  > "$prefix/lib/pkgconfig/recourse.pc"
echo "$prefix"
