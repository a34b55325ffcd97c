#!/usr/bin/env bash
# Builds the release tarball of this platform, for hosts without Rust:
#   target/dist/recourse-<version>-<target>.tar.gz, holding recourse-<version>-<target>/ with
#     bin/recourse                        the command line
#     lib/librecourse.so.<version>        the C library (soname librecourse.so.0, with the
#     lib/librecourse.so.0, .so           librecourse.so.0 and librecourse.so links)
#     lib/librecourse.a                   the static library
#     include/recourse.h                  the header
#     lib/pkgconfig/recourse.pc           pkg-config, relative to where it is unpacked
#     LICENSE, README.md
# Usage: bash scripts/dist.sh   (prints the tarball's path)
# A C host unpacks it anywhere and builds with
#   PKG_CONFIG_PATH=<dir>/lib/pkgconfig cc app.c $(pkg-config --cflags --libs recourse)
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(sed -n '0,/^version = "\(.*\)"/s//\1/p' Cargo.toml)"
triple="$(rustc -vV | sed -n 's/^host: //p')"
name="recourse-$version-$triple"
dist="$(pwd)/target/dist"
stage="$dist/$name"
rm -rf "$stage" "$dist/$name.tar.gz"
mkdir -p "$stage/bin"

bash bindings/c/stage.sh "$stage" >/dev/null
# The prefix stage.sh wrote is this machine's path: make it the unpacked directory's.
sed -i 's|^prefix=.*|prefix=${pcfiledir}/../..|' "$stage/lib/pkgconfig/recourse.pc"
cargo build -q --release -p recourse-payments-cli
release="$(cargo metadata --format-version 1 --no-deps | sed -n 's/.*"target_directory":"\([^"]*\)".*/\1/p')/release"
install -m 0755 "$release/recourse" "$stage/bin/recourse"
install -m 0644 LICENSE README.md "$stage/"
tar -C "$dist" -czf "$dist/$name.tar.gz" "$name"
echo "$dist/$name.tar.gz"
