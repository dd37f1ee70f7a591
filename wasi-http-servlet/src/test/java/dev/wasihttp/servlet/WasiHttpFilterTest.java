package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.proxy.HandlerMetrics;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.servlet.internal.exchange.ServletHttpExchangeTest;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link WasiHttpFilter} without a container: filter-c in front of a filter chain that blocks until
 * the test releases it, on request and response stubs that answer what the filter asks. The latches
 * say when a guest is running, so each step is deterministic.
 */
@Timeout(120)
class WasiHttpFilterTest {
  static final Path FILTER_C = Path.of("../samples/components/filter-c/filter-c.wasm");

  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final ExecutorService clients = Executors.newCachedThreadPool();
  WasiHttpFilter filter;

  @AfterEach
  void stop() {
    clients.shutdownNow();
    if (filter != null) {
      filter.destroy();
    }
  }

  /**
   * With {@code maxConcurrent} 1 the filter has two guest threads: one runs the guest that waits
   * for the servlet behind, one waits its turn. A third request at once is answered 503 with {@code
   * Retry-After}, and counted as rejected in the filter's metrics and on its MBean, as the servlet
   * counts its refusals; the two others then finish.
   */
  @Test
  void aRequestBeyondTheGuestThreadsIsAnswered503AndCountedAsRejected() throws Exception {
    CountDownLatch behind = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    FilterChain slowServlet =
        (req, res) -> {
          behind.countDown();
          try {
            assertTrue(release.await(60, TimeUnit.SECONDS), "released");
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          res.getOutputStream().write("from the servlet\n".getBytes(StandardCharsets.UTF_8));
        };
    filter =
        new WasiHttpFilter(
            WasiHttpServletOptions.builder()
                .component(FILTER_C.toString())
                .env("TOKEN", "s3cret")
                .engine(WasiHttpServletOptions.engineOptions(EngineMode.INTERPRETER, null))
                .http(
                    WasiHttpConfig.builder()
                        .maxConcurrent(1)
                        // The second guest waits for the first, whatever the machine's speed.
                        .maxConcurrentWait(Duration.ofMinutes(5))
                        .build())
                .build());
    filter.init(config("auth"));
    CompletionService<Response> done = new ExecutorCompletionService<>(clients);

    done.submit(() -> doFilter(slowServlet));
    assertTrue(
        behind.await(60, TimeUnit.SECONDS), () -> "the first guest reached the servlet: " + log);
    // One of these takes the second thread (and waits for the first guest); the other is refused.
    done.submit(() -> doFilter(slowServlet));
    done.submit(() -> doFilter(slowServlet));
    Response refused = done.take().get();
    assertEquals(503, refused.status);
    assertEquals(List.of("1"), refused.headers.get("Retry-After"));
    assertEquals("503 Service Unavailable\n", refused.text());

    HandlerMetrics.Snapshot now = filter.metrics();
    assertEquals(1, now.rejected());
    assertEquals(1, now.requests(), "the two others are still in flight");
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    ObjectName name =
        new ObjectName("dev.wasihttp:type=WasiHttpFilter,context=\"/\",name=\"auth\"");
    assertEquals(1L, server.getAttribute(name, "Rejected"));
    assertEquals(1L, server.getAttribute(name, "Requests"));
    assertTrue(
        log.contains("[filter-c] WARN 1 request(s) answered 503: all 2 guest threads busy"),
        log::toString);

    release.countDown();
    for (int i = 0; i < 2; i++) {
      Response served = done.take().get();
      assertEquals(200, served.status, served::text);
      assertEquals("from the servlet\n", served.text());
      assertEquals(List.of("wasm"), served.headers.get("x-filtered-by"));
    }
    now = filter.metrics();
    assertEquals(2, now.requests2xx());
    assertEquals(1, now.rejected());
    assertEquals(3, now.requests());
    assertEquals(1L, server.getAttribute(name, "Rejected"));
    assertEquals(3L, server.getAttribute(name, "Requests"));

    filter.destroy();
    filter = null;
    assertFalse(server.isRegistered(name));
  }

  /** One {@code GET /slow} with filter-c's token through the filter, in front of {@code chain}. */
  private Response doFilter(FilterChain chain) throws Exception {
    Response response = new Response();
    filter.doFilter(request(), response.stub(), chain);
    return response;
  }

  private ServletContext context() {
    return (ServletContext)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getContextPath" -> "";
                  case "log" -> log.add((String) args[0]);
                  default -> null;
                });
  }

  private FilterConfig config(String name) {
    ServletContext context = context();
    return (FilterConfig)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FilterConfig.class},
            (proxy, method, args) ->
                switch (method.getName()) {
                  case "getServletContext" -> context;
                  case "getFilterName" -> name;
                  default -> throw new UnsupportedOperationException(method.getName());
                });
  }

  private static HttpServletRequest request() {
    Map<String, Object> a = new HashMap<>();
    a.put("getMethod", "GET");
    a.put("getScheme", "http");
    a.put("getServerName", "shop.example");
    a.put("getServerPort", 80);
    a.put("getProtocol", "HTTP/1.1");
    a.put("getRequestURI", "/slow");
    a.put("getContextPath", "");
    a.put("getQueryString", null);
    a.put("isTrailerFieldsReady", true);
    a.put("getTrailerFields", Map.of());
    a.put("getInputStream", emptyBody());
    a.put(
        "headers",
        Map.of(
            "Host", List.of("shop.example"),
            "authorization", List.of("Bearer s3cret")));
    return ServletHttpExchangeTest.request(a);
  }

  private static ServletInputStream emptyBody() {
    return new ServletInputStream() {
      @Override
      public int read() {
        return -1;
      }

      @Override
      public boolean isFinished() {
        return true;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {
        throw new UnsupportedOperationException();
      }
    };
  }

  /** What the filter sent the client: a container response stub that records it. */
  static final class Response {
    volatile int status = 200;
    final Map<String, List<String>> headers = Collections.synchronizedMap(new LinkedHashMap<>());
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    volatile boolean committed;

    String text() {
      synchronized (body) {
        return body.toString(StandardCharsets.UTF_8);
      }
    }

    HttpServletResponse stub() {
      ServletOutputStream out =
          new ServletOutputStream() {
            @Override
            public void write(int b) {
              committed = true;
              synchronized (body) {
                body.write(b);
              }
            }

            @Override
            public void write(byte[] b, int off, int len) {
              committed = true;
              synchronized (body) {
                body.write(b, off, len);
              }
            }

            @Override
            public boolean isReady() {
              return true;
            }

            @Override
            public void setWriteListener(WriteListener listener) {
              throw new UnsupportedOperationException();
            }
          };
      return (HttpServletResponse)
          Proxy.newProxyInstance(
              getClass().getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) ->
                  switch (method.getName()) {
                    case "setStatus" -> {
                      status = (Integer) args[0];
                      yield null;
                    }
                    case "getStatus" -> status;
                    case "setHeader" -> {
                      headers.put((String) args[0], new ArrayList<>(List.of((String) args[1])));
                      yield null;
                    }
                    case "addHeader" -> {
                      headers
                          .computeIfAbsent((String) args[0], k -> new ArrayList<>())
                          .add((String) args[1]);
                      yield null;
                    }
                    case "setContentType", "setContentLength", "setTrailerFields" -> null;
                    case "reset" -> {
                      headers.clear();
                      yield null;
                    }
                    case "isCommitted" -> committed;
                    case "flushBuffer" -> {
                      committed = true;
                      yield null;
                    }
                    case "getOutputStream" -> out;
                    default -> throw new UnsupportedOperationException(method.getName());
                  });
    }
  }
}
