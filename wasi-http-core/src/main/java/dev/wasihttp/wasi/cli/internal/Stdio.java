package dev.wasihttp.wasi.cli.internal;

import dev.wasihttp.wasi.WasiConfig;

/** One instance's standard output and error buffers; closing hands over partial last lines. */
final class Stdio implements AutoCloseable {
  public final LineBuffer stdout;
  public final LineBuffer stderr;

  public Stdio(WasiConfig config) {
    stdout = new LineBuffer(config.stdout(), config.componentName());
    stderr = new LineBuffer(config.stderr(), config.componentName());
  }

  @Override
  public void close() {
    stdout.close();
    stderr.close();
  }
}
