package dev.wasihttp.http.proxy;

import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.wasi.WasiContext;

/**
 * The data object of one request's instance: all of its state, WASI and wasi:http, in one object to
 * drop when the request ends. {@link #close()} closes the WASI context (flushing a partial last
 * output line, closing host resources left in the table).
 */
final class RequestData implements HttpState.View, AutoCloseable {
  private final WasiContext wasi;
  private final HttpState http;

  RequestData(WasiContext wasi, HttpState http) {
    this.wasi = wasi;
    this.http = http;
  }

  @Override
  public WasiContext wasi() {
    return wasi;
  }

  @Override
  public HttpState http() {
    return http;
  }

  @Override
  public void close() {
    wasi.close();
  }
}
