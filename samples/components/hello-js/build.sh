#!/usr/bin/env bash
# Rebuilds hello-js.wasm from app.js with componentize-js 0.23.0
# (StarlingMonkey, world `hello` = wasi:http/proxy@0.2.10). Takes ~15 s.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
tools="$(cd "$here/../../../tools" && pwd)"

"$tools/install-node-tools.sh"
nm="${CM_TOOLS:-/tmp/cm-tools}/node_modules"

# Run from this folder: the script name is recorded in the output, so a
# relative name keeps the build reproducible wherever the checkout lives.
cd "$here"
node "$nm/@bytecodealliance/componentize-js/src/cli.js" app.js \
  --wit wit -n hello -o hello-js.wasm
node "$nm/jco-old/src/jco.js" wit "$here/hello-js.wasm"
echo "built $here/hello-js.wasm ($(wc -c <"$here/hello-js.wasm") bytes)"
