#!/usr/bin/env bash
# Installs the Node.js component tools used to build and convert test components
# into ${CM_TOOLS:-/tmp/cm-tools}. Idempotent: does nothing when they are present.
#
#   jco-old          @bytecodealliance/jco 1.10.2  (parse, print, wit, embed, new, serve)
#   jco-wit          @bytecodealliance/jco 1.35.0  (only for its bundled WASI WIT files)
#   jco-transpile    @bytecodealliance/jco-transpile 0.15.0 (in-memory wasm-tools parse/print)
#   componentize-js  @bytecodealliance/componentize-js 0.23.0 (JavaScript components)
#   preview2-shim    @bytecodealliance/preview2-shim 0.17.5 (needed by componentize-js)
set -euo pipefail

CM_TOOLS="${CM_TOOLS:-/tmp/cm-tools}"
NM="$CM_TOOLS/node_modules"

want=(
  "jco-old@npm:@bytecodealliance/jco@1.10.2|jco-old|1.10.2"
  "jco-wit@npm:@bytecodealliance/jco@1.35.0|jco-wit|1.35.0"
  "@bytecodealliance/jco-transpile@0.15.0|@bytecodealliance/jco-transpile|0.15.0"
  "@bytecodealliance/componentize-js@0.23.0|@bytecodealliance/componentize-js|0.23.0"
  "@bytecodealliance/preview2-shim@0.17.5|@bytecodealliance/preview2-shim|0.17.5"
)

installed_version() {
  local pj="$NM/$1/package.json"
  [ -f "$pj" ] && node -e 'process.stdout.write(require(process.argv[1]).version)' "$pj" 2>/dev/null
}

missing=()
for w in "${want[@]}"; do
  IFS='|' read -r spec dir version <<<"$w"
  if [ "$(installed_version "$dir" || true)" != "$version" ]; then
    missing+=("$spec")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "node tools already installed in $CM_TOOLS" >&2
  exit 0
fi

command -v npm >/dev/null || { echo "npm not found; install Node.js 20 and npm" >&2; exit 1; }
mkdir -p "$CM_TOOLS"
cd "$CM_TOOLS"
[ -f package.json ] || npm init -y >/dev/null
echo "installing into $CM_TOOLS: ${missing[*]}" >&2
npm install --no-audit --no-fund "${want[@]%%|*}" >&2
echo "node tools installed in $CM_TOOLS" >&2
