#!/usr/bin/env bash
# Builds each component text fixture here (*.wat), and each core module fixture in ../core, into
# the .wasm next to it, which is committed so that `mvn test` needs no toolchain. Needs Node.js 20
# and the tools of tools/install-node-tools.sh (jco-transpile's in-memory wasm-tools text parser).
#
#   wasi-http-core/src/test/resources/components/build.sh            # every *.wat
#   wasi-http-core/src/test/resources/components/build.sh a.wat ...  # only these
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../../../../.." && pwd)"

if [ $# -eq 0 ]; then
  set -- "$here"/*.wat "$here"/../core/*.wat
fi
for wat in "$@"; do
  wat="$(cd "$(dirname "$wat")" && pwd)/$(basename "$wat")"
  wasm="${wat%.wat}.wasm"
  (cd "$root" && node tools/wat2wasm.mjs "$wat" "$wasm")
  echo "built ${wasm#"$root"/} ($(wc -c <"$wasm") bytes)"
done
