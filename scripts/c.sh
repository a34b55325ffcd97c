#!/usr/bin/env bash
# C: builds librecourse (shared, static, pkg-config), checks that the committed header is
# what the pinned cbindgen generates, and runs the C tests against the committed header:
# the conformance vectors and every error path under valgrind and in an AddressSanitizer +
# UBSan build, a multi-threaded test on one engine, and the example in examples/c.
set -euo pipefail
cd "$(dirname "$0")/.."

CBINDGEN_VERSION=0.29.4

need_apt=()
command -v cc >/dev/null || need_apt+=(gcc libc6-dev)
command -v make >/dev/null || need_apt+=(make)
command -v valgrind >/dev/null || need_apt+=(valgrind)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
bash scripts/apt-install.sh "${need_apt[@]}"
if [[ "$(cbindgen --version 2>/dev/null)" != "cbindgen $CBINDGEN_VERSION" ]]; then
  cargo install -q cbindgen --version "=$CBINDGEN_VERSION" --locked \
    || cargo install -q cbindgen --version "=$CBINDGEN_VERSION"
fi

echo "-- header drift"
fresh="$(mktemp)"
trap 'rm -f "$fresh"' EXIT
cbindgen -q --config bindings/c/cbindgen.toml --crate recourse-payments-ffi --output "$fresh" bindings/c
if ! diff -u bindings/c/include/recourse.h "$fresh"; then
  echo "bindings/c/include/recourse.h is stale: regenerate it with" >&2
  echo "  cbindgen --config bindings/c/cbindgen.toml --crate recourse-payments-ffi --output bindings/c/include/recourse.h bindings/c" >&2
  exit 1
fi

echo "-- build"
prefix="$(bash bindings/c/stage.sh target/recourse-c)"
out=target/c-tests
mkdir -p "$out"
cargo run -q -p recourse-payments-ffi --example vector-manifest > "$out/vectors.manifest"
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
cflags=(-std=c11 -Wall -Wextra -Werror -pedantic -g $(pkg-config --cflags recourse))
# Against the committed header, not the staged copy.
cflags=(-Ibindings/c/include "${cflags[@]}")
shared=($(pkg-config --libs recourse) -Wl,-rpath,"$prefix/lib")
static=("$prefix/lib/librecourse.a" -lpthread -ldl -lm)

cc "${cflags[@]}" bindings/c/tests/test_recourse.c "${shared[@]}" -o "$out/test_recourse"
cc "${cflags[@]}" -pthread bindings/c/tests/test_threads.c "${shared[@]}" -o "$out/test_threads"
grep -q 'NEEDED.*\[librecourse.so.0\]' <<<"$(readelf -d "$out/test_recourse")" \
  || { echo "the test is not linked against librecourse.so.0" >&2; exit 1; }

echo "-- conformance vectors and error paths"
"$out/test_recourse" "$out/vectors.manifest"

echo "-- the same under valgrind"
vg=(valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible
  --errors-for-leak-kinds=definite,indirect,possible)
"${vg[@]}" "$out/test_recourse" "$out/vectors.manifest"
"${vg[@]}" "$out/test_threads"

echo "-- AddressSanitizer + UBSan build (static library)"
san=(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
cc "${cflags[@]}" "${san[@]}" bindings/c/tests/test_recourse.c "${static[@]}" -o "$out/test_recourse_asan"
cc "${cflags[@]}" "${san[@]}" -pthread bindings/c/tests/test_threads.c "${static[@]}" -o "$out/test_threads_asan"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/test_recourse_asan" "$out/vectors.manifest"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 "$out/test_threads_asan"

echo "-- one engine, many threads"
"$out/test_threads"

echo "-- the README's C snippet, compiled and run"
{
  printf '#include <stdio.h>\n#include <string.h>\n#include "recourse.h"\nint main(void) {\n'
  printf 'const char *request = "{\\"total\\":{\\"amount\\":\\"1.00\\",\\"currency\\":\\"BRL\\"},\\"ratios\\":[1,1]}";\n'
  awk '/^```c$/ {on=1; next} /^```$/ {on=0} on' README.md
  printf 'return 0;\n}\n'
} > "$out/readme.c"
cc "${cflags[@]}" "$out/readme.c" "${shared[@]}" -o "$out/readme"
grep -q '"parts":\[{"amount":"0.50","currency":"BRL"}' <<<"$("$out/readme")"

echo "-- examples/c"
make -s -C examples/c clean all PKG_CONFIG_PATH="$PKG_CONFIG_PATH" RPATH="$prefix/lib"
answer="$(examples/c/allocate "100.00" BRL 1 1 1)"
echo "$answer"
grep -q '"parts":\[{"amount":"33.34","currency":"BRL"}' <<<"$answer"
if examples/c/allocate "1.001" BRL 1 1 >/dev/null 2>&1; then
  echo "examples/c accepted an amount finer than the currency" >&2
  exit 1
fi
make -s -C examples/c clean

echo "-- the release tarball (scripts/dist.sh), unpacked elsewhere, as a host without Rust uses it"
tarball="$(bash scripts/dist.sh)"
unpacked="$(mktemp -d)"
tar -C "$unpacked" -xzf "$tarball"
home="$(echo "$unpacked"/recourse-*)"
grep -q '^refund.evaluate ' <<<"$("$home/bin/recourse" ops)"
PKG_CONFIG_PATH="$home/lib/pkgconfig" make -s -C examples/c clean all RPATH="$home/lib"
grep -q '"parts":\[{"amount":"33.34","currency":"BRL"}' <<<"$(examples/c/allocate "100.00" BRL 1 1 1)"
grep -q "$home/lib/librecourse.so.0" <<<"$(ldd examples/c/allocate)"
# And linked statically: no librecourse at run time.
cc -std=c11 -Wall -Werror examples/c/allocate.c -I"$home/include" "$home/lib/librecourse.a" \
  -lpthread -ldl -lm -o "$unpacked/allocate-static"
if grep -q librecourse <<<"$(ldd "$unpacked/allocate-static")"; then
  echo "the static build loads librecourse at run time" >&2
  exit 1
fi
grep -q '"parts":\[{"amount":"33.34","currency":"BRL"}' <<<"$("$unpacked/allocate-static" "100.00" BRL 1 1 1)"
make -s -C examples/c clean
rm -rf "$unpacked"
echo "C: all passed"
