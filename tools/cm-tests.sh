#!/usr/bin/env bash
# Converts the component-model reference tests to JSON manifests + binaries.
#
#   tools/cm-tests.sh CHECKOUT OUTDIR
#
# CHECKOUT is a plain directory holding the component-model repository's
# `test/` folder. Every .wast in test/{values,resources,linking,binary,validation}
# becomes OUTDIR/<folder>/<name>.json and OUTDIR/<folder>/<name>.<n>.wasm
# (see tools/wast2json.mjs). Prints per-folder counts of commands by type and
# every skipped command with its reason. Exits 1 if a file failed to convert.
set -euo pipefail
if [ $# -ne 2 ]; then
  echo "usage: $0 CHECKOUT OUTDIR" >&2
  exit 2
fi
here="$(cd "$(dirname "$0")" && pwd)"
checkout="$1"
out="$2"
folders=(values resources linking binary validation)

[ -d "$checkout/test" ] || { echo "$checkout/test: no such directory" >&2; exit 2; }
"$here/install-node-tools.sh"

failed=0
for folder in "${folders[@]}"; do
  [ -d "$checkout/test/$folder" ] || { echo "skipping missing folder test/$folder" >&2; continue; }
  rm -rf "${out:?}/$folder"
  mkdir -p "$out/$folder"
  for wast in "$checkout/test/$folder"/*.wast; do
    [ -e "$wast" ] || continue
    if ! node "$here/wast2json.mjs" "$wast" "$out/$folder" >/dev/null; then
      echo "FAILED: $wast" >&2
      failed=1
    fi
  done
done

# Summary: commands by type per folder, then every skip.
node - "$out" "${folders[@]}" <<'JS'
const fs = require('node:fs');
const path = require('node:path');
const [out, ...folders] = process.argv.slice(2);
const types = new Set();
const rows = [];
const skips = [];
for (const folder of folders) {
  const dir = path.join(out, folder);
  if (!fs.existsSync(dir)) continue;
  const counts = {};
  let files = 0;
  let wasm = 0;
  for (const f of fs.readdirSync(dir).sort()) {
    if (f.endsWith('.wasm')) wasm++;
    if (!f.endsWith('.json')) continue;
    files++;
    const m = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
    for (const c of m.commands) {
      counts[c.type] = (counts[c.type] ?? 0) + 1;
      types.add(c.type);
      if (c.type === 'skipped') skips.push(`${m.source}:${c.line}: ${c.reason}`);
    }
  }
  rows.push({ folder, files, wasm, counts });
}
const cols = [...types].sort();
const header = ['folder', 'files', 'wasm', ...cols];
const table = [header, ...rows.map((r) => [r.folder, r.files, r.wasm, ...cols.map((c) => r.counts[c] ?? 0)])];
const widths = header.map((_, i) => Math.max(...table.map((row) => String(row[i]).length)));
for (const row of table) console.log(row.map((v, i) => String(v).padStart(widths[i])).join('  '));
if (skips.length) {
  console.log(`\nskipped (${skips.length}):`);
  for (const s of skips) console.log(`  ${s}`);
}
JS
exit $failed
