package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.proxy.WasiHttpChain;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.load.ComponentLoadingTest;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a deployment failure says, a chain, and the outgoing client that needs the web application.
 */
class ComponentHandlersTest {
  static final Path HELLO_C = Path.of("../samples/components/hello-c/hello-c.wasm");
  static final Path PROXY_C = Path.of("../samples/components/proxy-c/proxy-c.wasm");

  @Test
  void whatTheCompilerLeftToTheInterpreterIsLoggedOnceAtWarn() throws Exception {
    List<String> lines = new ArrayList<>();
    WasiHttpHandler handler =
        (WasiHttpHandler)
            ComponentHandlers.load(
                WasiHttpServletOptions.builder()
                    .component("../samples/components/hello-js/hello-js.wasm")
                    .engine(WasiHttpServletOptions.engineOptions(EngineMode.AUTO, "none"))
                    .build(),
                null,
                (level, line) -> lines.add(level + " " + line));
    handler.close();
    assertEquals(1, lines.size(), lines::toString);
    String warning = lines.get(0);
    String counted = "WARN [hello-js] left to the interpreter: 12706 of 12806 core functions: ";
    assertTrue(warning.startsWith(counted + "[core module at byte "), warning);
    assertTrue(warning.contains("too large to compile at load"), warning);
  }

  @Test
  void failuresNameTheComponentAndTheLoadersMessage(@TempDir Path dir) throws Exception {
    Path bad = dir.resolve("bad.wasm");
    Files.write(bad, new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
    ServletException e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder().component(bad.toString()).build(),
                    null,
                    (level, line) -> {}));
    assertTrue(
        e.getMessage()
            .startsWith(
                "component bad (" + bad + ") failed to load: malformed component at byte 9"),
        e.getMessage());
    e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder()
                        .component(dir.resolve("none.wasm").toString())
                        .build(),
                    null,
                    (level, line) -> {}));
    assertTrue(e.getMessage().contains("cannot be read"), e.getMessage());
    e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder()
                        .component(HELLO_C.toString())
                        .dirSpec(dir.resolve("none") + "::/data")
                        .build(),
                    null,
                    (level, line) -> {}));
    assertTrue(e.getMessage().startsWith("component hello-c: bad configuration: "), e.getMessage());
    // Decodes, but is no wasi:http proxy: linking fails, naming what is missing.
    String calculator = "../wasi-http-core/src/test/resources/components/calculator.wasm";
    e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder().component(calculator).build(),
                    null,
                    (level, line) -> {}));
    assertTrue(
        e.getMessage().startsWith("component calculator (" + calculator + ") cannot be linked: "),
        e.getMessage());
  }

  @Test
  void aChainLinksEveryComponentUnderItsName() throws Exception {
    WasiHttpChain chain =
        (WasiHttpChain)
            ComponentHandlers.load(
                WasiHttpServletOptions.builder()
                    .component(PROXY_C.toString())
                    .chain(List.of(HELLO_C.toString(), "second=" + HELLO_C))
                    .env("UPSTREAM", "http://hello-c")
                    .build(),
                null,
                (level, line) -> {});
    try {
      assertEquals(
          List.of("proxy-c", "hello-c", "second"),
          chain.handlers().stream().map(h -> h.config().componentName()).toList());
      assertEquals(
          Map.of("UPSTREAM", "http://hello-c"),
          chain.handlers().get(2).config().wasi().environment(),
          "every member runs with the servlet's options");
    } finally {
      chain.close();
    }
    String calculator = "../wasi-http-core/src/test/resources/components/calculator.wasm";
    ServletException e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder()
                        .component(PROXY_C.toString())
                        .chain(List.of("calc=" + calculator))
                        .build(),
                    null,
                    (level, line) -> {}));
    assertTrue(
        e.getMessage().startsWith("the chain of component proxy-c cannot be linked: unlinkable"),
        e.getMessage());
    assertTrue(e.getMessage().contains("chain member calc: import "), e.getMessage());
    e =
        assertThrows(
            ServletException.class,
            () ->
                ComponentHandlers.load(
                    WasiHttpServletOptions.builder()
                        .component(PROXY_C.toString())
                        .chain(List.of("gone=/no/such.wasm"))
                        .build(),
                    null,
                    (level, line) -> {}));
    assertTrue(
        e.getMessage().startsWith("component gone (/no/such.wasm) cannot be read"), e.getMessage());
  }

  static ServletContext withAttribute(String name, Object value) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ComponentHandlersTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                method.getName().equals("getAttribute") && args[0].equals(name) ? value : null);
  }

  @Test
  void theApplicationsClientComesFromTheNamedAttribute() throws Exception {
    HttpClient client = new HttpClient();
    WasiHttpServletOptions options =
        WasiHttpServletOptions.builder()
            .component("x.wasm")
            .httpClientAttribute("app.client")
            .build();
    WasiHttpServletOptions resolved =
        ComponentHandlers.outbound(options, withAttribute("app.client", client));
    assertSame(client, WasiHttpServletOptionsTest.jetty(resolved.http()).httpClient());

    ServletException e =
        assertThrows(
            ServletException.class,
            () -> ComponentHandlers.outbound(options, withAttribute("other", client)));
    assertEquals(
        "component x: the ServletContext attribute \"app.client\" (httpClientAttribute) holds"
            + " nothing, not an org.eclipse.jetty.client.HttpClient",
        e.getMessage());
    e =
        assertThrows(
            ServletException.class,
            () -> ComponentHandlers.outbound(options, withAttribute("app.client", "a string")));
    assertTrue(e.getMessage().contains("holds a java.lang.String"), e.getMessage());
    WasiHttpServletOptions both =
        options.toBuilder().trustStore("/WEB-INF/t.p12", null, null).build();
    e =
        assertThrows(
            ServletException.class,
            () -> ComponentHandlers.outbound(both, withAttribute("app.client", client)));
    assertTrue(e.getMessage().contains("exclude each other"), e.getMessage());
  }

  @Test
  void theTrustStoreBecomesTheClientsSslContext(@TempDir Path dir) throws Exception {
    Path store = dir.resolve("trust.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "upstream",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=localhost",
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "secret",
                "-keypass",
                "secret")
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes());
    assertEquals(0, keytool.waitFor(), out);

    WasiHttpServletOptions options =
        WasiHttpServletOptions.builder()
            .component("x.wasm")
            .trustStore("/WEB-INF/trust.p12", "secret", null)
            .build();
    ServletContext app =
        ComponentLoadingTest.webApp("/WEB-INF/trust.p12", Files.readAllBytes(store));
    assertNotNull(
        WasiHttpServletOptionsTest.jetty(ComponentHandlers.outbound(options, app).http())
            .sslContext());

    WasiHttpServletOptions wrongPassword =
        options.toBuilder().trustStore("/WEB-INF/trust.p12", "wrong", null).build();
    ServletException e =
        assertThrows(ServletException.class, () -> ComponentHandlers.outbound(wrongPassword, app));
    assertTrue(
        e.getMessage().startsWith("component x: trust store /WEB-INF/trust.p12 cannot be used: "),
        e.getMessage());
    WasiHttpServletOptions missing =
        options.toBuilder().trustStore(dir.resolve("none.p12").toString(), null, null).build();
    e = assertThrows(ServletException.class, () -> ComponentHandlers.outbound(missing, app));
    assertTrue(e.getMessage().contains("cannot be used"), e.getMessage());
  }
}
