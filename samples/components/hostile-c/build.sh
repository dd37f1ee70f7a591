#!/usr/bin/env bash
# Rebuilds hostile-c.wasm from hostile.c: freestanding clang -> core module -> jco embed
# (WIT world `hostile`) -> jco new (component), by ../common-c/build-component.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../common-c/build-component.sh" "$here/hostile.c" hostile "$here/hostile-c.wasm"
