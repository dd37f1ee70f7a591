package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Components dropped into {@code WEB-INF/wasm/} and served without code: the sample WAR ({@code
 * samples/war}) deployed by the container's own discovery at {@code /shop}, where {@code
 * WebInfWasmInitializer} mounts hello-libc (its {@code hello-libc.properties} sets {@code
 * env.GREETING}) and proxy-c (allowed to reach loopback by a context-param the container sets, as
 * an operator would), leaves hello-c to its web.xml declaration, and the plain Java servlet answers
 * beside them. Then the off switch, a component declared by {@code @WebServlet}, a malformed one,
 * and a malformed member of a mounted component's chain, each in a web application of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WebInfWasmScenarios {
  private final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private WebAppFixture war;
  private int port;

  /**
   * Where the sample WAR's lines start in its container's log, which is the JVM's: what other
   * tests' containers logged before is not looked at.
   */
  private int warLog;

  /** A new, unstarted fixture of the container under test. */
  protected abstract WebAppFixture newFixture();

  /**
   * A {@code WasiHttpServlet} subclass annotated {@code @WebServlet(urlPatterns = "/annotated/*")}
   * with the init-params {@code component=/WEB-INF/wasm/hello-c.wasm} and {@code
   * stripServletPath=true}, compiled in the container's module (this one has no servlet API).
   */
  protected abstract Class<?> annotatedServlet();

  @BeforeAll
  void deploySampleWar() throws Exception {
    war = newFixture();
    warLog = war.log().size();
    port =
        war.start(
            Samples.war(),
            "/shop",
            Map.of("wasi-http.proxy-c.allowOutbound", "http://127.0.0.1:*"));
    assertTrue(war.deployed(), () -> String.join("\n", war.log().lines()));
  }

  @AfterAll
  void stop() throws Exception {
    if (war != null) {
      war.close();
    }
  }

  /** The first line of {@code fixture}'s log at or after {@code from} containing {@code text}. */
  private static String awaitLine(WebAppFixture fixture, int from, String text)
      throws InterruptedException {
    LogLines.Line line = fixture.log().awaitFrom(from, l -> l.contains(text));
    return line == null ? null : line.text();
  }

  private HttpResponse<String> get(int port, String path, String... headers) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(30));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aMountedComponentSeesItsOwnPathAndThePropertiesFilesSettings() throws Exception {
    HttpResponse<String> r = get(port, "/shop/hello-libc/hi?x=1");
    assertEquals(200, r.statusCode());
    assertEquals("howdy from C (wasi-libc): GET /hi?x=1\n", r.body());
    assertEquals("howdy from C (wasi-libc): GET /\n", get(port, "/shop/hello-libc/").body());
    assertEquals("howdy from C (wasi-libc): GET /\n", get(port, "/shop/hello-libc").body());
    assertNotNull(
        awaitLine(
            war,
            warLog,
            "[wasi-http] mounted /WEB-INF/wasm/hello-libc.wasm at /hello-libc/* (servlet"
                + " wasm:hello-libc, settings: /WEB-INF/wasm/hello-libc.properties)"));
  }

  /**
   * proxy-c, mounted with the operator's context-param {@code wasi-http.proxy-c.allowOutbound},
   * forwards {@code /shop/proxy-c/shop/java} as {@code /shop/java} to this same server.
   */
  @Test
  void aContextParamSetByTheContainerConfiguresAMountedComponent() throws Exception {
    HttpResponse<String> r =
        get(port, "/shop/proxy-c/shop/java", "x-upstream", "http://127.0.0.1:" + port);
    assertEquals(200, r.statusCode(), r::body);
    assertEquals("hello from Java: GET /shop/java\n", r.body());
    assertNotNull(
        awaitLine(
            war,
            warLog,
            "[wasi-http] mounted /WEB-INF/wasm/proxy-c.wasm at /proxy-c/* (servlet"
                + " wasm:proxy-c, settings: context-params wasi-http.proxy-c.*)"));
  }

  @Test
  void aComponentDeclaredInWebXmlIsServedThereOnly() throws Exception {
    HttpResponse<String> declared = get(port, "/shop/wasm/hello?x=1");
    assertEquals(200, declared.statusCode());
    assertEquals("hello from C: GET /hello?x=1\n", declared.body());
    assertEquals(404, get(port, "/shop/hello-c/hello").statusCode());
    assertNotNull(
        awaitLine(
            war,
            warLog,
            "[wasi-http] not mounting /WEB-INF/wasm/hello-c.wasm: servlet hello-c serves it"));
  }

  @Test
  void thePlainJavaServletAnswersBesideThem() throws Exception {
    HttpResponse<String> r = get(port, "/shop/java");
    assertEquals(200, r.statusCode());
    assertEquals("hello from Java: GET /shop/java\n", r.body());
  }

  @Test
  void theOffSwitchMountsNothing() throws Exception {
    try (WebAppFixture off = newFixture()) {
      int offPort = off.start(Samples.war(), "/shop", Map.of("wasi-http.mount", "false"));
      assertTrue(off.deployed());
      assertEquals(404, get(offPort, "/shop/hello-libc/hi").statusCode());
      assertEquals(404, get(offPort, "/shop/proxy-c/").statusCode());
      assertEquals(200, get(offPort, "/shop/wasm/hello").statusCode());
      assertEquals(200, get(offPort, "/shop/java").statusCode());
    }
  }

  /** A web application made here: hello-c, declared by an annotated servlet class. */
  @Test
  void aComponentDeclaredByAnnotationIsServedThereOnly(@TempDir Path app) throws Exception {
    Files.createDirectories(app.resolve("WEB-INF/wasm"));
    Files.copy(Samples.component("hello-c"), app.resolve("WEB-INF/wasm/hello-c.wasm"));
    Class<?> annotated = annotatedServlet();
    Path classFile =
        app.resolve("WEB-INF/classes/" + annotated.getName().replace('.', '/') + ".class");
    Files.createDirectories(classFile.getParent());
    try (InputStream in = annotated.getResourceAsStream(annotated.getSimpleName() + ".class")) {
      Files.copy(in, classFile);
    }
    try (WebAppFixture fixture = newFixture()) {
      int p = fixture.start(app, "/annotated-app", Map.of());
      assertTrue(fixture.deployed(), () -> String.join("\n", fixture.log().lines()));
      HttpResponse<String> r = get(p, "/annotated-app/annotated/hi");
      assertEquals(200, r.statusCode());
      assertEquals("hello from C: GET /hi\n", r.body());
      assertEquals(404, get(p, "/annotated-app/hello-c/hi").statusCode());
    }
  }

  /** A web application made here, whose only component is not a component. */
  @Test
  void aMalformedComponentFailsTheDeploymentNamingTheByteOffset(@TempDir Path app)
      throws Exception {
    Files.createDirectories(app.resolve("WEB-INF/wasm"));
    // A component's preamble, then a section id with nothing after it: malformed at byte 9.
    Files.write(
        app.resolve("WEB-INF/wasm/bad.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
    try (WebAppFixture fixture = newFixture()) {
      int from = fixture.log().size();
      fixture.start(app, "/broken", Map.of());
      String line =
          awaitLine(
              fixture, from, "component bad (/WEB-INF/wasm/bad.wasm) failed to load: malformed");
      assertNotNull(line, () -> String.join("\n", fixture.log().lines()));
      assertTrue(line.contains("failed to load: malformed component at byte 9 "), line);
      assertFalse(fixture.deployed());
    }
  }

  /**
   * A web application made here: hello-c mounted, its {@code front.properties} chaining a member
   * that is not a component. The member is decoded at deployment too, so it fails the deployment
   * rather than leave the servlet unavailable.
   */
  @Test
  void aMalformedChainedMemberFailsTheDeployment(@TempDir Path app) throws Exception {
    Files.createDirectories(app.resolve("WEB-INF/wasm"));
    Files.createDirectories(app.resolve("WEB-INF/chain"));
    Files.copy(Samples.component("hello-c"), app.resolve("WEB-INF/wasm/front.wasm"));
    Files.writeString(
        app.resolve("WEB-INF/wasm/front.properties"), "chain=api=/WEB-INF/chain/api.wasm\n");
    Files.write(
        app.resolve("WEB-INF/chain/api.wasm"), new byte[] {0, 'a', 's', 'm', 0x0d, 0, 1, 0, 7});
    try (WebAppFixture fixture = newFixture()) {
      int from = fixture.log().size();
      fixture.start(app, "/chained", Map.of());
      String line =
          awaitLine(
              fixture, from, "component api (/WEB-INF/chain/api.wasm) failed to load: malformed");
      assertNotNull(line, () -> String.join("\n", fixture.log().lines()));
      assertTrue(line.contains("failed to load: malformed component at byte 9 "), line);
      assertFalse(fixture.deployed());
    }
  }
}
