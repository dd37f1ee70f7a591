#!/usr/bin/env bash
# Rebuilds filter-c.wasm from filter.c: freestanding clang -> core module -> jco embed
# (WIT world `filter-c`) -> jco new (component), by ../common-c/build-component.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../common-c/build-component.sh" "$here/filter.c" filter-c "$here/filter-c.wasm"
