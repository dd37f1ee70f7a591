package dev.wasihttp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve --route}: several components on one server by path prefix; and {@code --reload}. */
class ServeRoutesTest {
  static final String HELLO_C = MainTest.HELLO_C;
  static final String HELLO_LIBC = "../components/hello-libc/hello-libc.wasm";

  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
  final PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
  final HttpClient client = HttpClient.newHttpClient();

  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** The base URI the server prints it listens on. */
  String base() {
    String line = out.toString(StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("^Listening on (http://127\\.0\\.0\\.1:\\d+)/\n$").matcher(line);
    assertTrue(m.matches(), line + err());
    return m.group(1);
  }

  HttpResponse<String> get(String uri) throws IOException, InterruptedException {
    return client.send(HttpRequest.newBuilder(URI.create(uri)).build(), BodyHandlers.ofString());
  }

  /** hello-c's answer to a path, and hello-libc's. */
  static String c(String path) {
    return "hello from C: GET " + path + "\n";
  }

  static String libc(String path) {
    return "hello from C (wasi-libc): GET " + path + "\n";
  }

  @Test
  void eachPathGoesToTheLongestMatchingPrefixAndTheGuestSeesTheFullPath() throws Exception {
    Server server =
        ServeCommand.start(
            new String[] {
              "--port", "0",
              "--route", "/a=" + HELLO_C,
              "--route", "/a/deep=" + HELLO_LIBC,
              "--route", "/b/=" + HELLO_LIBC
            },
            o,
            e);
    assertNotNull(server, err());
    try {
      String base = base();
      for (String path : List.of("/a", "/a/", "/a/x?q=1", "/a/deeper", "/a/x/deep")) {
        assertEquals(c(path), get(base + path).body(), path);
      }
      for (String path : List.of("/a/deep", "/a/deep/x", "/b", "/b/x/y")) {
        assertEquals(libc(path), get(base + path).body(), path);
      }
      for (String path : List.of("/", "/ab", "/c", "/deep")) {
        assertEquals(404, get(base + path).statusCode(), path + " is no route's");
      }
      // Each route is a servlet of its own, with its own counters.
      assertRequests(5, "wasi-http/a");
      assertRequests(2, "wasi-http/a/deep");
      assertRequests(2, "wasi-http/b");
    } finally {
      server.stop();
    }
  }

  @Test
  void thePositionalComponentTakesWhatNoRouteTakesAndPrefixesCanBeStripped() throws Exception {
    Server server =
        ServeCommand.start(
            new String[] {
              "--port", "0", "--strip-prefix", "--route", "/api/v1=" + HELLO_LIBC, HELLO_C
            },
            o,
            e);
    assertNotNull(server, err());
    try {
      String base = base();
      assertEquals(libc("/users?id=7"), get(base + "/api/v1/users?id=7").body());
      assertEquals(libc("/"), get(base + "/api/v1").body());
      assertEquals(c("/api/v2/users"), get(base + "/api/v2/users").body(), "the catch-all's");
      assertEquals(c("/"), get(base + "/").body());
    } finally {
      server.stop();
    }
  }

  @Test
  void duplicateOrMalformedRoutesAreUsageErrors() {
    assertEquals(
        1,
        Main.run(
            new String[] {"serve", "--route", "/a=" + HELLO_C, "--route", "/a/=x.wasm"}, o, e));
    assertTrue(
        err().contains("error: --route /a/=x.wasm: the prefix /a is already routed to " + HELLO_C),
        err());
    assertTrue(err().contains("usage: wasi-http serve"), err());
    assertEquals(1, Main.run(new String[] {"serve", "--route", "/=" + HELLO_C, HELLO_LIBC}, o, e));
    assertTrue(
        err()
            .contains(
                "error: the component "
                    + HELLO_LIBC
                    + ": the prefix / is already routed to "
                    + HELLO_C
                    + " (the positional component is the catch-all /)"),
        err());
    assertEquals(1, Main.run(new String[] {"serve", "--route", "api=" + HELLO_C}, o, e));
    assertTrue(err().contains("error: --route api=" + HELLO_C + ": the prefix must start with /"));
    assertEquals(1, Main.run(new String[] {"serve", "--route", "/nowhere.wasm"}, o, e));
    assertTrue(err().contains("expected /PREFIX=COMPONENT.wasm"), err());
    assertEquals(1, Main.run(new String[] {"serve", "--route", "/a=missing.wasm"}, o, e));
    assertTrue(err().contains("error: cannot read missing.wasm: no such file"), err());
    assertEquals(1, Main.run(new String[] {"serve", "--route"}, o, e));
    assertTrue(err().contains("error: --route: missing value"), err());
  }

  @Test
  void aPrefixIsAPathOfPlainSegments() {
    assertEquals(new Route("/api", "a.wasm"), Route.parse("/api=a.wasm"));
    assertEquals(new Route("/api", "a.wasm"), Route.parse("/api/=a.wasm"));
    assertEquals(new Route("/api", "a.wasm"), Route.parse("/api/...=a.wasm"), "Spin's wildcard");
    assertEquals(new Route("/", "a.wasm"), Route.parse("/=a.wasm"));
    assertEquals(new Route("/", "a.wasm"), Route.parse("/...=a.wasm"));
    assertEquals(new Route("/a/b", "x=y.wasm"), Route.parse("/a/b=x=y.wasm"));
    assertEquals("/api/*", Route.parse("/api=a.wasm").mapping());
    assertEquals("/", Route.parse("/=a.wasm").mapping());
    for (String bad : List.of("/a*=x", "/a?b=x", "/a%2F=x", "/a b=x", "/a//b=x", "/a/../b=x")) {
      IllegalArgumentException ex =
          assertThrows(IllegalArgumentException.class, () -> Route.parse(bad), bad);
      assertTrue(ex.getMessage().startsWith("--route " + bad + ": the prefix may not"), bad);
    }
    assertEquals(
        List.of("/a/b", "/a", "/"),
        Route.all(List.of("/a=1.wasm", "/a/b=2.wasm"), "0.wasm").stream()
            .map(Route::prefix)
            .toList(),
        "longest first");
  }

  @Test
  void reloadSwapsTheComponentWhenItsFileChanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("app.wasm");
    Files.copy(Path.of(HELLO_C), file);
    Server server =
        ServeCommand.start(new String[] {"--port", "0", "--reload", file.toString()}, o, e);
    assertNotNull(server, err());
    try {
      String base = base();
      assertEquals(c("/x"), get(base + "/x").body());
      Path next = Files.copy(Path.of(HELLO_LIBC), dir.resolve("next.tmp"));
      Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      // Polled every second: wait (bounded) for the new answer; every answer is one of the two.
      String body = c("/x");
      for (int i = 0; i < 600 && body.equals(c("/x")); i++) {
        Thread.sleep(50);
        HttpResponse<String> r = get(base + "/x");
        assertEquals(200, r.statusCode());
        body = r.body();
      }
      assertEquals(libc("/x"), body);
      assertEquals(1L, attribute("wasi-http", "Reloads"));
    } finally {
      server.stop();
    }
  }

  /** A request is counted as its handler returns, just after the client has its answer. */
  static void assertRequests(long expected, String servlet) throws Exception {
    for (int i = 0; i < 3000 && attribute(servlet, "Requests") < expected; i++) {
      Thread.sleep(10);
    }
    assertEquals(expected, attribute(servlet, "Requests"), servlet);
  }

  static long attribute(String servlet, String attribute) throws Exception {
    ObjectName name =
        new ObjectName(
            "dev.wasihttp:type=WasiHttpServlet,context=\"/\",name=" + ObjectName.quote(servlet));
    return ((Number) ManagementFactory.getPlatformMBeanServer().getAttribute(name, attribute))
        .longValue();
  }
}
