#!/usr/bin/env bash
# Builds one freestanding C sample into a component:
#   build-component.sh SOURCE.c WORLD OUTPUT.wasm
# clang (no libc) -> core module -> jco embed (WIT world WORLD from the `wit/`
# folder beside SOURCE.c) -> jco new (component), then prints its world. Each
# sample's build.sh calls it; the sources include what they share from this
# folder (`#include "../common-c/..."`).
set -euo pipefail
[ $# -eq 3 ] || { echo "usage: $0 SOURCE.c WORLD OUTPUT.wasm" >&2; exit 2; }
source="$1" world="$2" output="$3"
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
  -Wl,--no-entry -o "$tmp/core.wasm" "$source"
$JCO embed "$tmp/core.wasm" --wit "$(dirname "$source")/wit" -n "$world" -o "$tmp/embedded.wasm"
$JCO new "$tmp/embedded.wasm" -o "$output"
$JCO wit "$output"
echo "built $output ($(wc -c <"$output") bytes)"
