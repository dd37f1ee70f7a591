#!/usr/bin/env bash
# Rebuilds hello-libc.wasm from hello.c: clang + wasi-libc (reactor) -> core
# module -> jco embed (WIT world `hello`) -> jco new --wasi-reactor (applies the
# wasi_snapshot_preview1 adapter shipped with jco).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$(cd "$here/../../../tools" && pwd)"

"$tools/install-node-tools.sh"
if ! command -v clang >/dev/null || ! command -v wasm-ld >/dev/null \
   || [ ! -f /usr/lib/wasm32-wasi/libc.a ] \
   || ! ls /usr/lib/llvm-14/lib/clang/14*/lib/wasi/libclang_rt.builtins-wasm32.a >/dev/null 2>&1; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update
  $sudo apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32
fi

JCO="node ${CM_TOOLS:-/tmp/cm-tools}/node_modules/jco-old/src/jco.js"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The reactor model exports _initialize instead of needing a main().
clang --target=wasm32-wasi --sysroot=/usr -mexec-model=reactor -O2 -Wall -Wextra -Werror \
  -o "$tmp/core.wasm" "$here/hello.c"
$JCO embed "$tmp/core.wasm" --wit "$here/wit" -n hello -o "$tmp/embedded.wasm"
$JCO new "$tmp/embedded.wasm" --wasi-reactor -o "$here/hello-libc.wasm"
$JCO wit "$here/hello-libc.wasm"
echo "built $here/hello-libc.wasm ($(wc -c <"$here/hello-libc.wasm") bytes)"
