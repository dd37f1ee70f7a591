package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import javax.management.ObjectName;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * filter-c as a {@code WasiHttpFilter} in front of Java servlets, in the context {@code /app}: a
 * Java filter that sets a {@code ThreadLocal} runs first, then the component (token {@value
 * #TOKEN}, rewriting {@code /old/} to {@code /new/}), then the servlets: {@link
 * BehindTheFilter.InfoServlet} at {@code /}, an echo at {@code /echo}, and servlets that fail,
 * start async or send an error.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class FilterScenarios {
  static final String TOKEN = "s3cret";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final BehindTheFilter.InfoServlet info = new BehindTheFilter.InfoServlet();
  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    fixture = newFixture();
    port =
        fixture.start(
            List.of(),
            List.of(
                new WebApp(
                    "/app",
                    List.of(
                        WebApp.filter("caller", "/*", new BehindTheFilter.ThreadLocalFilter()),
                        WebApp.wasiHttpFilter(
                            "wasm",
                            "/*",
                            Map.of(
                                "component",
                                Samples.component("filter-c").toString(),
                                "componentName",
                                "filter-c",
                                "env.TOKEN",
                                TOKEN,
                                "env.REWRITE",
                                "/old/=/new/")),
                        WebApp.servlet("info", "/", info),
                        WebApp.servlet("echo", "/echo", new BehindTheFilter.EchoServlet()),
                        WebApp.servlet("fail", "/fail", new BehindTheFilter.FailingServlet()),
                        WebApp.servlet("async", "/async", new BehindTheFilter.AsyncServlet()),
                        WebApp.servlet(
                            "forbidden", "/forbidden", new BehindTheFilter.ForbiddenServlet())))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
  }

  private HttpResponse<String> get(String path, boolean withToken) throws Exception {
    HttpRequest.Builder r = request(path).header("x-caller", "alice").header("x-extra", "1");
    if (withToken) {
      r.header("authorization", "Bearer " + TOKEN);
    }
    return client.send(r.build(), BodyHandlers.ofString());
  }

  @Test
  void aRequestWithoutTheTokenIsRejectedAndNeverReachesTheServlet() throws Exception {
    long before = info.hits.get();
    HttpResponse<String> r = get("/app/hi", false);
    assertEquals(401, r.statusCode(), r.body());
    assertEquals("Bearer", r.headers().firstValue("www-authenticate").orElse(null));
    assertEquals("unauthorized\n", r.body());

    r =
        client.send(
            request("/app/hi").header("authorization", "Bearer wrong").build(),
            BodyHandlers.ofString());
    assertEquals(401, r.statusCode(), r.body());
    assertEquals(before, info.hits.get(), "no request reached the servlet");
  }

  @Test
  void theServletsResponseComesBackWithTheComponentsHeader() throws Exception {
    long before = info.hits.get();
    HttpResponse<String> r = get("/app/hi?q=1", true);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("wasm", r.headers().firstValue("x-filtered-by").orElse(null));
    assertEquals("info", r.headers().firstValue("x-servlet").orElse(null));
    assertEquals(
        "dispatch=REQUEST\nmethod=GET\nuri=/app/hi\nquery=q=1\ncaller=alice\n"
            + "authorization=Bearer "
            + TOKEN
            + "\nx-extra=1\n",
        r.body(),
        "the chain ran on the container thread: the ThreadLocal of the filter before is there");
    assertEquals(before + 1, info.hits.get());
  }

  @Test
  void aRewrittenPathGoesThroughARequestDispatcher() throws Exception {
    HttpResponse<String> r = get("/app/old/x?y=2", true);
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("wasm", r.headers().firstValue("x-filtered-by").orElse(null));
    assertTrue(r.body().startsWith("dispatch=FORWARD\nmethod=GET\nuri=/app/new/x\n"), r.body());
    assertTrue(r.body().contains("\nquery=y=2\ncaller=alice\n"), r.body());
  }

  @Test
  void anErrorTheServletSendsIsItsResponse() throws Exception {
    HttpResponse<String> r = get("/app/forbidden", true);
    assertEquals(403, r.statusCode(), r.body());
    assertEquals("wasm", r.headers().firstValue("x-filtered-by").orElse(null));
    assertEquals("403 go away\n", r.body());
  }

  @Test
  void aServletThatFailsFailsTheComponentsRequestAndIsLogged() throws Exception {
    HttpResponse<String> r = get("/app/fail", true);
    assertEquals(502, r.statusCode(), r.body());
    assertEquals("connection-terminated", r.headers().firstValue("x-proxy-error").orElse(null));
    fixture.log().awaitContaining("the servlet behind failed on purpose");

    r = get("/app/async", true);
    assertEquals(502, r.statusCode(), r.body());
    fixture.log().awaitContaining("async servlets are not supported behind WasiHttpFilter");

    assertEquals(200, get("/app/after", true).statusCode(), "the filter goes on serving");
  }

  /** 8 MiB echoed: more than the buffers on the way hold, so it comes back only if both stream. */
  @Test
  void aBodyStreamsThroughTheFilterToTheServletAndBack() throws Exception {
    byte[] body = new byte[8 << 20];
    new Random(8).nextBytes(body);
    ContentResponse r =
        DuplexPost.send(port, "/app/echo", Map.of("authorization", "Bearer " + TOKEN), body);
    assertEquals(200, r.getStatus());
    assertEquals("wasm", r.getHeaders().get("x-filtered-by"));
    assertArrayEquals(body, r.getContent());
  }

  @Test
  void theFiltersCountersAreOnJmx() throws Exception {
    assertEquals(200, get("/app/counted", true).statusCode());
    ObjectName name =
        new ObjectName("dev.wasihttp:type=WasiHttpFilter,context=\"/app\",name=\"wasm\"");
    long requests =
        (Long) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "Requests");
    assertTrue(requests >= 1, "requests counted: " + requests);
    // Its engine is auto (the filter takes no it.engine): filter-c is compiled whole at load.
    assertEquals(
        0L, ManagementFactory.getPlatformMBeanServer().getAttribute(name, "InterpretedFunctions"));
  }
}
