package dev.wasihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.InstancePool;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve}: arguments, load failures, and a running server answering requests. */
class ServeCommandTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
  final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void servesAComponentOnAFreePortOverHttp11AndH2c() throws Exception {
    Server server =
        ServeCommand.start(
            new String[] {
              "--port", "0", "--env", "GREETING=howdy", "../components/hello-libc/hello-libc.wasm"
            },
            o,
            e);
    try {
      String line = out.toString(StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)/\n$").matcher(line);
      assertTrue(m.matches(), line + err());
      URI uri = URI.create("http://127.0.0.1:" + m.group(1) + "/p?q");
      for (HttpClient.Version v : HttpClient.Version.values()) {
        HttpResponse<String> r =
            HttpClient.newBuilder()
                .version(v)
                .build()
                .send(HttpRequest.newBuilder(uri).build(), BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals(v, r.version());
        assertEquals("howdy from C (wasi-libc): GET /p?q\n", r.body());
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void servesACompiledComponentKeptInTheCompileCache(@TempDir Path dir) throws Exception {
    Path cache = dir.resolve("cache");
    Server server =
        ServeCommand.start(
            new String[] {
              "--port",
              "0",
              "--engine",
              "compiler",
              "--compile-cache",
              cache.toString(),
              "../components/hello-c/hello-c.wasm"
            },
            o,
            e);
    try {
      String line = out.toString(StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)/\n$").matcher(line);
      assertTrue(m.matches(), line + err());
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/x"))
                      .build(),
                  BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      assertEquals("hello from C: GET /x\n", r.body());
    } finally {
      server.stop();
    }
    try (var kept = Files.list(cache)) {
      // One entry per core module: hello-c's code, and the shim and fix-up modules of its imports.
      assertEquals(3, kept.filter(p -> p.toString().endsWith(".classes")).count());
    }
    assertNull(ServeCommand.start(new String[] {"--engine", "jit", "x.wasm"}, o, e));
    assertTrue(err().contains("error: --engine: expected interpreter, compiler or auto"), err());
  }

  @Test
  void aChainServesTheSecondComponentThroughTheFirst() throws Exception {
    Server server =
        ServeCommand.start(
            new String[] {
              "--port",
              "0",
              "--env",
              "UPSTREAM=http://hello-c",
              "--chain",
              "../components/proxy-c/proxy-c.wasm",
              "../components/hello-c/hello-c.wasm"
            },
            o,
            e);
    try {
      String line = out.toString(StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)/\n$").matcher(line);
      assertTrue(m.matches(), line + err());
      String origin = "http://127.0.0.1:" + m.group(1);
      HttpClient client = HttpClient.newHttpClient();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create(origin + "/hi")).build(), BodyHandlers.ofString());
      assertEquals(200, r.statusCode(), r.body());
      assertEquals("hello from C: GET /hi\n", r.body(), "hello-c's answer, through proxy-c");

      // proxy-c's own origin is hello-c too, and the outbound policy (deny all) is not asked.
      r =
          client.send(
              HttpRequest.newBuilder(URI.create(origin + "/own"))
                  .header("x-upstream", origin)
                  .build(),
              BodyHandlers.ofString());
      assertEquals("hello from C: GET /own\n", r.body());

      // Jetty's client reads the echo while it sends: 4 MiB, more than the buffers on the way.
      byte[] body = new byte[4 << 20];
      new Random(3).nextBytes(body);
      org.eclipse.jetty.client.HttpClient jetty = new org.eclipse.jetty.client.HttpClient();
      jetty.start();
      try {
        ContentResponse echo =
            new CompletableResponseListener(
                    jetty
                        .newRequest(origin + "/echo")
                        .method("POST")
                        .body(new BytesRequestContent(body))
                        .timeout(60, TimeUnit.SECONDS),
                    body.length)
                .send()
                .get();
        assertEquals(200, echo.getStatus());
        assertTrue(Arrays.equals(body, echo.getContent()), "4 MiB through both and back");
      } finally {
        jetty.stop();
      }

      r =
          client.send(
              HttpRequest.newBuilder(URI.create(origin + "/trap")).build(),
              BodyHandlers.ofString());
      assertEquals(502, r.statusCode());
      assertEquals("connection-terminated", r.headers().firstValue("x-proxy-error").orElse(null));
    } finally {
      server.stop();
    }
  }

  @Test
  void chainArguments(@TempDir Path dir) {
    ServeCommand.Args args =
        ServeCommand.parse(new String[] {"--chain", "a.wasm", "b.wasm", "x=c.wasm", "--pool", "2"});
    assertEquals("a.wasm", args.component());
    assertEquals(List.of("b.wasm", "x=c.wasm"), args.chain());
    assertEquals(
        "--chain: expected two components or more",
        assertThrows(
                IllegalArgumentException.class,
                () -> ServeCommand.parse(new String[] {"--chain", "a.wasm"}))
            .getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> ServeCommand.parse(new String[] {"x.wasm", "--chain", "a.wasm", "b.wasm"}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ServeCommand.parse(new String[] {"--chain", "a.wasm", "b.wasm", "--port", "0", "c"}));
    assertNull(
        ServeCommand.start(
            new String[] {
              "--chain", "../components/hello-c/hello-c.wasm", dir.resolve("gone.wasm").toString()
            },
            o,
            e));
    assertTrue(err().contains("error: --chain: cannot read "), err());
    assertNull(
        ServeCommand.start(
            new String[] {
              "--chain", "../components/hello-c/hello-c.wasm", "../components/hello-c/hello-c.wasm"
            },
            o,
            e));
    assertTrue(err().contains("two chained components are named \"hello-c\""), err());
  }

  @Test
  void thePoolOptionsAndTheirDefaults() {
    assertEquals(
        InstancePool.Config.DEFAULT,
        ServeCommand.parse(new String[] {"a.wasm"}).options().build().http().pool());
    assertEquals(new InstancePool.Config(16, Duration.ofSeconds(60)), InstancePool.Config.DEFAULT);
    ServeCommand.Args args =
        ServeCommand.parse(
            new String[] {
              "--pool", "4", "--pool-idle-timeout", "30s", "--allow", "https://api.test", "a.wasm"
            });
    assertEquals("a.wasm", args.component());
    assertEquals(
        new InstancePool.Config(4, Duration.ofSeconds(30)), args.options().build().http().pool());
    assertEquals(
        List.of("https://api.test"),
        args.options().build().http().outboundPolicy().entries(),
        "--allow and --pool set the same config");
    assertEquals(
        InstancePool.Config.NONE,
        ServeCommand.parse(new String[] {"--pool", "0", "a.wasm"}).options().build().http().pool());
    assertEquals(
        new InstancePool.Config(16, Duration.ofMillis(500)),
        ServeCommand.parse(new String[] {"--pool-idle-timeout", "500ms", "a.wasm"})
            .options()
            .build()
            .http()
            .pool());
    assertEquals(
        new InstancePool.Config(1, Duration.ofMinutes(2)),
        ServeCommand.parse(new String[] {"--pool-idle-timeout", "PT2M", "--pool", "1", "a.wasm"})
            .options()
            .build()
            .http()
            .pool());
  }

  @Test
  void badPoolOptionsAreUsageErrors() {
    assertEquals(1, Main.run(new String[] {"serve", "--pool", "-1", MainTest.HELLO_C}, o, e));
    assertTrue(
        err().contains("error: --pool: expected a number of instances, 0 or more, got \"-1\"\n"),
        err());
    assertTrue(err().contains("usage: wasi-http serve"), err());
    assertTrue(err().contains("--pool N "), err());
    assertTrue(err().contains("(default 16; 0: a fresh instance per request)"), err());
    assertTrue(err().contains("--pool-idle-timeout DURATION "), err());
    assertTrue(err().contains("(default 60s;"), err());
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeCommand.parse(new String[] {"--pool-idle-timeout", "0", "a.wasm"}));
    assertEquals("--pool-idle-timeout: expected a positive duration, got \"0\"", bad.getMessage());
    bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeCommand.parse(new String[] {"--pool-idle-timeout", "soon", "a.wasm"}));
    assertEquals(
        "--pool-idle-timeout: expected a duration such as 30s, 500ms or PT1M, got \"soon\"",
        bad.getMessage());
    bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ServeCommand.parse(new String[] {"--pool", "lots", "a.wasm"}));
    assertEquals(
        "--pool: expected a number of instances, 0 or more, got \"lots\"", bad.getMessage());
    bad =
        assertThrows(
            IllegalArgumentException.class, () -> ServeCommand.parse(new String[] {"--pool"}));
    assertEquals("--pool: missing value", bad.getMessage());
  }

  @Test
  void servesWithoutAPool() throws Exception {
    Server server =
        ServeCommand.start(
            new String[] {
              "--port", "0", "--pool", "0", "--pool-idle-timeout", "5s", MainTest.HELLO_C
            },
            o,
            e);
    try {
      String line = out.toString(StandardCharsets.UTF_8);
      Matcher m = Pattern.compile("^Listening on http://127\\.0\\.0\\.1:(\\d+)/\n$").matcher(line);
      assertTrue(m.matches(), line + err());
      for (int i = 0; i < 2; i++) {
        HttpResponse<String> r =
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + m.group(1) + "/x"))
                        .build(),
                    BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        assertEquals("hello from C: GET /x\n", r.body());
      }
    } finally {
      server.stop();
    }
  }

  @Test
  void badArgumentsAreUsageErrors() {
    assertNull(ServeCommand.start(new String[] {}, o, e));
    assertTrue(err().contains("error: no component given"), err());
    assertEquals(1, Main.run(new String[] {"serve", "--port", "x", "a.wasm"}, o, e));
    assertTrue(err().contains("usage: wasi-http serve"), err());
    assertEquals(1, Main.run(new String[] {"serve", "--env", "novalue", "a.wasm"}, o, e));
    assertEquals(1, Main.run(new String[] {"serve", "missing.wasm"}, o, e));
    assertTrue(err().contains("error: cannot read missing.wasm"), err());
    assertEquals(
        1, Main.run(new String[] {"serve", "--dir", "/no/such/dir", MainTest.HELLO_C}, o, e));
    assertTrue(err().contains("error: --dir: not a directory: /no/such/dir"), err());
    assertEquals(
        1, Main.run(new String[] {"serve", "--dir", "/tmp::relative", MainTest.HELLO_C}, o, e));
    assertTrue(err().contains("guest path must start with /"), err());
    assertEquals(
        1,
        Main.run(new String[] {"serve", "--allow", "no-scheme.example", MainTest.HELLO_C}, o, e));
    assertTrue(err().contains("error: "), err());
    assertEquals(
        1,
        Main.run(new String[] {"serve", "--trust-store", "/no/such.p12", MainTest.HELLO_C}, o, e));
    assertTrue(err().contains("error: --trust-store: cannot read /no/such.p12"), err());
    assertEquals(
        1, Main.run(new String[] {"serve", "--trust-store-password", "x", MainTest.HELLO_C}, o, e));
    assertTrue(err().contains("--trust-store-password without --trust-store"), err());
  }

  @Test
  void aTrustStoreThatCannotBeReadFailsTheStart(@TempDir Path dir) throws Exception {
    Path garbage = Files.write(dir.resolve("trust.p12"), new byte[] {1, 2, 3});
    assertNull(
        ServeCommand.start(
            new String[] {
              "--port",
              "0",
              "--allow",
              "https://api.test",
              "--trust-store",
              garbage.toString(),
              MainTest.HELLO_C
            },
            o,
            e));
    assertTrue(err().contains("trust store " + garbage + " cannot be used"), err());
  }

  @Test
  void aMalformedComponentIsReportedWithItsOffset(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7, 7});
    assertNull(ServeCommand.start(new String[] {"--port", "0", bad.toString()}, o, e));
    assertTrue(
        err()
            .contains(
                "error: component bad (" + bad + ") failed to load: malformed component at byte 8"),
        err());
    assertEquals("", out.toString(StandardCharsets.UTF_8), "no Listening line");
  }

  @Test
  void aComponentThatIsNoProxyCannotBeLinked() {
    assertNull(ServeCommand.start(new String[] {"--port", "0", MainTest.CALCULATOR}, o, e));
    assertTrue(err().contains("cannot be linked: unlinkable component"), err());
  }
}
