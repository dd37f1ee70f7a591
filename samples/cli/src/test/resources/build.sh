#!/usr/bin/env bash
# Rebuilds the command-line test components from their .wat sources (needs tools/install-node-tools.sh).
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../../../../.. && pwd)
bash "$root/tools/install-node-tools.sh"
for f in *.wat; do node "$root/tools/wat2wasm.mjs" "$f" "${f%.wat}.wasm"; done
