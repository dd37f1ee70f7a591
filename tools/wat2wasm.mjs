#!/usr/bin/env node
// Usage: node tools/wat2wasm.mjs IN.wat OUT.wasm
// Encodes component (or core module) text format into a binary with the
// in-memory wasm-tools parser of @bytecodealliance/jco-transpile, resolved from
// ${CM_TOOLS:-/tmp/cm-tools}/node_modules (see install-node-tools.sh), so the
// script runs from any directory. The text is encoded, not validated.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('usage: node wat2wasm.mjs IN.wat OUT.wasm');
  process.exit(2);
}

const tools = process.env.CM_TOOLS || '/tmp/cm-tools';
let resolved;
try {
  resolved = createRequire(path.join(tools, 'package.json')).resolve('@bytecodealliance/jco-transpile/wasm-tools');
} catch {
  console.error(`@bytecodealliance/jco-transpile not found under ${tools}; run tools/install-node-tools.sh`);
  process.exit(2);
}
const { parse } = await import(pathToFileURL(resolved).href);

try {
  fs.writeFileSync(output, await parse(fs.readFileSync(input, 'utf8')));
} catch (e) {
  console.error(`${input}: ${e && e.message ? e.message : e}`);
  process.exit(1);
}
