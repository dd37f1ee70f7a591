/**
 * The one seam to the core wasm engine (Chicory): parsing core modules, instantiating them with
 * imports, reading their exports, calling functions and touching memory. No other package names an
 * engine type, so the engine (interpreter or compiler, memory implementation, compile cache) can
 * change without touching the component runtime.
 */
package dev.wasihttp.component.internal.engine;
