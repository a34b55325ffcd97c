#!/usr/bin/env bash
# Writes resources/recourse.h: bindings/c/include/recourse.h flattened for PHP's FFI parser,
# which takes declarations only: no comments, includes, guards, macros or C++ blocks.
# With --check, fails when the committed flat header differs from a fresh one.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
source_header="$here/../c/include/recourse.h"
target="$here/resources/recourse.h"

flatten() {
  perl -0777 -pe '
    s{/\*.*?\*/}{}gs;                               # block comments
    s{//[^\n]*}{}g;                                 # line comments
    s{^[ \t]*#[ \t]*if(?:def|ndef)?[ \t]+__cplusplus.*?^[ \t]*#[ \t]*endif[^\n]*\n}{}gms;  # C++ only
    s{^[ \t]*#[^\n]*\n}{}gm;                        # includes, guards, macros
    s{[ \t]+$}{}gm;                                 # trailing blanks
    s{\n\s*\n}{\n}g;                               # blank lines
    s{\A\s+}{};
  ' "$source_header"
}

if [[ "${1:-}" == "--check" ]]; then
  if ! diff -u "$target" <(flatten); then
    echo "bindings/php/resources/recourse.h is stale: run bash bindings/php/flatten-header.sh" >&2
    exit 1
  fi
else
  flatten > "$target"
fi
