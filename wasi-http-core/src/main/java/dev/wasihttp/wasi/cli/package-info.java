/**
 * {@code wasi:cli} 0.2: {@link dev.wasihttp.wasi.cli.WasiCli} registers environment, exit, stdin,
 * stdout, stderr and the terminal interfaces.
 */
package dev.wasihttp.wasi.cli;
