#!/usr/bin/env bash
# Rebuilds proxy-c.wasm from proxy.c: freestanding clang -> core module -> jco embed
# (WIT world `proxy-c`) -> jco new (component), by ../common-c/build-component.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../common-c/build-component.sh" "$here/proxy.c" proxy-c "$here/proxy-c.wasm"
