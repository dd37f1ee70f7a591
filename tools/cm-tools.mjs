// Locates the Node tools installed by install-node-tools.sh.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const CM_TOOLS = process.env.CM_TOOLS || '/tmp/cm-tools';

/** Loads `@bytecodealliance/jco-transpile/wasm-tools` (parse, print, componentNew, ...). */
export async function loadWasmTools() {
  const require = createRequire(path.join(CM_TOOLS, 'package.json'));
  let resolved;
  try {
    resolved = require.resolve('@bytecodealliance/jco-transpile/wasm-tools');
  } catch (e) {
    console.error(`jco-transpile not found under ${CM_TOOLS}; run tools/install-node-tools.sh`);
    process.exit(2);
  }
  return import(pathToFileURL(resolved).href);
}
