package dev.wasihttp.http.proxy;

import dev.wasihttp.component.Component;
import dev.wasihttp.component.EngineMode;
import dev.wasihttp.component.EngineOptions;
import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.http.LogSink;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** The sample components and helpers shared by the handler tests. */
final class Samples {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");
  static final Path HELLO_LIBC = Path.of("../samples/components/hello-libc/hello-libc.wasm");
  static final Path HELLO_JS = Path.of("../samples/components/hello-js/hello-js.wasm");
  static final Path PROXY_C = Path.of("../samples/components/proxy-c/proxy-c.wasm");

  private static final Map<String, Component> LOADED = new ConcurrentHashMap<>();

  private Samples() {}

  /**
   * The component at {@code path} loaded in {@code mode}, once per test run: compiled without the
   * interpreter fallback, so a function the compiler cannot take fails the test.
   */
  static Component load(Path path, EngineMode mode) throws IOException, ComponentException {
    String key = path + " " + mode;
    Component c = LOADED.get(key);
    if (c == null) {
      c = Component.load(path, EngineOptions.of(mode).withInterpreterFallback(false));
      LOADED.putIfAbsent(key, c);
    }
    return c;
  }

  /** A log sink that keeps its lines, as {@code LEVEL line}. */
  static final class Lines implements LogSink {
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void log(Level level, String line) {
      lines.add(level + " " + line);
    }

    List<String> snapshot() {
      synchronized (lines) {
        return new ArrayList<>(lines);
      }
    }

    boolean contains(String part) {
      return snapshot().stream().anyMatch(l -> l.contains(part));
    }
  }

  static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }

  /**
   * A request body fed by a client thread: the first {@code before} bytes go at once, the rest only
   * once {@code x} has seen its first response body byte (or after 20 s, which the test then
   * reports). Proves the response streams while the request is still arriving.
   */
  static Thread duplexClient(MemoryExchange x, byte[] body, int before, boolean[] sawEarly)
      throws IOException {
    PipedOutputStream client = new PipedOutputStream();
    x.body(new PipedInputStream(client, 64 * 1024));
    Thread t =
        new Thread(
            () -> {
              try (OutputStream out = client) {
                out.write(body, 0, before);
                out.flush();
                sawEarly[0] = x.firstByte.await(20, TimeUnit.SECONDS);
                out.write(body, before, body.length - before);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            },
            "test-client");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /**
   * A request body that arrives in short pieces, as a slow network delivers it: each read returns
   * at most {@code chunk} bytes, and the next piece comes only once {@code x}'s response body has
   * caught up with what was delivered (the guest echoes). So every read the guest makes finds
   * exactly one short piece waiting.
   */
  static InputStream trickle(MemoryExchange x, byte[] body, int chunk) {
    return new InputStream() {
      private int delivered;

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (delivered == body.length) {
          return -1;
        }
        try {
          if (!x.awaitBody(delivered, 20_000)) {
            throw new IOException("the echo did not catch up with " + delivered + " bytes");
          }
        } catch (InterruptedException e) {
          throw new InterruptedIOException("the request ended");
        }
        int n = Math.min(Math.min(len, chunk), body.length - delivered);
        System.arraycopy(body, delivered, b, off, n);
        delivered += n;
        return n;
      }
    };
  }
}
