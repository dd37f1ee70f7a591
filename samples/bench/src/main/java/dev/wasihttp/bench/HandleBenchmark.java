package dev.wasihttp.bench;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.InstancePool;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole request without a network: {@link WasiHttpHandler#handle} of {@code GET /hello} on a C
 * sample, guest and host included, on a pooled instance reset to its image or on a fresh one; the
 * response body counted and dropped. Run with {@code -prof gc} for the bytes allocated per request.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HandleBenchmark {
  /** The C samples only: compiling the JavaScript one takes half a minute and gigabytes. */
  @Param({"hello-c", "hello-libc"})
  public String sample;

  @Param({"interpreter", "compiler"})
  public String engine;

  /** {@code pooled}: the default pool, instances reset to their image; {@code fresh}: none. */
  @Param({"pooled", "fresh"})
  public String instances;

  private WasiHttpHandler handler;

  @Setup
  public void link() throws IOException, ComponentException {
    String resource = "/" + sample + "/" + sample + ".wasm";
    byte[] bytes;
    try (InputStream in = HandleBenchmark.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IOException("no sample " + resource + " in the jar");
      }
      bytes = in.readAllBytes();
    }
    Component component = Component.decode(bytes, EngineOptions.of(EngineMode.parse(engine)));
    handler =
        WasiHttpHandler.create(
            component,
            WasiHttpConfig.builder()
                .componentName(sample)
                .log(LogSink.discard())
                .pool(
                    instances.equals("fresh")
                        ? InstancePool.Config.NONE
                        : InstancePool.Config.DEFAULT)
                .build());
  }

  @TearDown
  public void close() {
    handler.close();
  }

  @Benchmark
  public long handle() {
    GetExchange x = new GetExchange();
    handler.handle(x);
    if (x.status != 200) {
      throw new IllegalStateException(sample + " answered " + x.status);
    }
    return x.bytes;
  }

  /** {@code GET /hello} with no body; the response is counted, not kept. */
  static final class GetExchange implements HttpExchange {
    int status;
    long bytes;

    @Override
    public String method() {
      return "GET";
    }

    @Override
    public String scheme() {
      return "http";
    }

    @Override
    public String authority() {
      return "bench.local";
    }

    @Override
    public String pathWithQuery() {
      return "/hello";
    }

    @Override
    public List<HttpField> requestHeaders() {
      return List.of();
    }

    @Override
    public InputStream requestBody() {
      return InputStream.nullInputStream();
    }

    @Override
    public List<HttpField> requestTrailers() {
      return List.of();
    }

    @Override
    public void respond(int status, List<HttpField> headers) {
      this.status = status;
    }

    @Override
    public OutputStream responseBody() {
      return new OutputStream() {
        @Override
        public void write(int b) {
          bytes++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
          bytes += len;
        }
      };
    }

    @Override
    public void finish(List<HttpField> trailers) {}

    @Override
    public void abort(String reason) {
      status = -1;
    }

    @Override
    public void fail(int status, String reason) {
      this.status = status;
    }
  }
}
