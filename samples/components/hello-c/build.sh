#!/usr/bin/env bash
# Rebuilds hello-c.wasm from hello.c: freestanding clang -> core module -> jco embed
# (WIT world `hello`) -> jco new (component), by ../common-c/build-component.sh.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec "$here/../common-c/build-component.sh" "$here/hello.c" hello "$here/hello-c.wasm"
