#!/usr/bin/env node
// Usage: node tools/wat2wasm.mjs IN.wat OUT.wasm
// Encodes component (or core module) text format into a binary with the
// in-memory wasm-tools parser of @bytecodealliance/jco-transpile, resolved from
// ${CM_TOOLS:-/tmp/cm-tools}/node_modules so the script runs from any directory.
import fs from 'node:fs';
import { loadWasmTools } from './cm-tools.mjs';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node wat2wasm.mjs IN.wat OUT.wasm');
  process.exit(2);
}
const { parse } = await loadWasmTools();
try {
  const bytes = await parse(fs.readFileSync(input, 'utf8'));
  fs.writeFileSync(output, bytes);
} catch (e) {
  console.error(`${input}: ${e && e.message ? e.message : e}`);
  process.exit(1);
}
