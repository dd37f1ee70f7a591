#!/usr/bin/env bash
# Rebuilds filter-c.wasm from filter.c (with wasi_http.h and support.h): freestanding clang -> core module ->
# jco embed (WIT world `filter-c`) -> jco new (component).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$(cd "$here/../../../tools" && pwd)"

"$tools/install-node-tools.sh"
if ! command -v clang >/dev/null || ! command -v wasm-ld >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y clang lld
fi

JCO="node ${CM_TOOLS:-/tmp/cm-tools}/node_modules/jco-old/src/jco.js"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# No libc: every import carries its own module/name attribute, so the link
# needs no --allow-undefined and a stray libc call fails here, not at load time.
clang --target=wasm32 -O2 -nostdlib -Wall -Wextra -Werror \
  -Wl,--no-entry -o "$tmp/core.wasm" "$here/filter.c"
$JCO embed "$tmp/core.wasm" --wit "$here/wit" -n filter-c -o "$tmp/embedded.wasm"
$JCO new "$tmp/embedded.wasm" -o "$here/filter-c.wasm"
$JCO wit "$here/filter-c.wasm"
echo "built $here/filter-c.wasm ($(wc -c <"$here/filter-c.wasm") bytes)"
