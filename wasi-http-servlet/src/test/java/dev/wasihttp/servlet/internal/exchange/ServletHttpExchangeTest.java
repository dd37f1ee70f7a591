package dev.wasihttp.servlet.internal.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.HttpField;
import dev.wasihttp.servlet.WasiHttpServlet;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ServletHttpExchange} without a container: targets, authorities and fields from a request
 * stub answering only what the exchange asks; an error status on a response stub that records.
 */
public class ServletHttpExchangeTest {
  /**
   * A request stub: method name to answer; unknown methods fail the test (the filter's request
   * wrapper's test uses it too).
   */
  public static HttpServletRequest request(Map<String, Object> answers) {
    return (HttpServletRequest)
        Proxy.newProxyInstance(
            ServletHttpExchangeTest.class.getClassLoader(),
            new Class<?>[] {HttpServletRequest.class},
            (proxy, method, args) -> {
              String name = method.getName();
              if (name.equals("getHeader")) {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> h = (Map<String, List<String>>) answers.get("headers");
                List<String> v = h == null ? null : h.get(args[0]);
                return v == null || v.isEmpty() ? null : v.get(0);
              }
              if (name.equals("getHeaders")) {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> h = (Map<String, List<String>>) answers.get("headers");
                return Collections.enumeration(h.getOrDefault(args[0], List.of()));
              }
              if (name.equals("getHeaderNames")) {
                @SuppressWarnings("unchecked")
                Map<String, List<String>> h = (Map<String, List<String>>) answers.get("headers");
                return Collections.enumeration(new ArrayList<>(h.keySet()));
              }
              if (!answers.containsKey(name)) {
                throw new UnsupportedOperationException(name);
              }
              return answers.get(name);
            });
  }

  static HttpServletMapping mapping(MappingMatch match) {
    return (HttpServletMapping)
        Proxy.newProxyInstance(
            ServletHttpExchangeTest.class.getClassLoader(),
            new Class<?>[] {HttpServletMapping.class},
            (proxy, method, args) -> method.getName().equals("getMappingMatch") ? match : null);
  }

  static String target(
      boolean strip,
      String uri,
      String query,
      String context,
      String servletPath,
      MappingMatch match) {
    Map<String, Object> a = new HashMap<>();
    a.put("getRequestURI", uri);
    a.put("getQueryString", query);
    a.put("getContextPath", context);
    a.put("getServletPath", servletPath);
    a.put("getHttpServletMapping", mapping(match));
    return new ServletHttpExchange(request(a), null, null, strip, l -> {}).pathWithQuery();
  }

  @Test
  void theTargetStaysRawAndLosesTheContextPath() {
    assertEquals(
        "/a%2Fb/c?x=%20", target(false, "/a%2Fb/c", "x=%20", "", "", MappingMatch.DEFAULT));
    assertEquals(
        "/cart?id=1", target(false, "/shop/cart", "id=1", "/shop", "", MappingMatch.DEFAULT));
    assertEquals("/", target(false, "/shop", null, "/shop", "", MappingMatch.CONTEXT_ROOT));
    assertEquals("/app/x", target(false, "/shop/app/x", null, "/shop", "/app", MappingMatch.PATH));
  }

  @Test
  void strippingTheServletPathCountsRawSegments() {
    assertEquals("/x/y?q", target(true, "/shop/app/x/y", "q", "/shop", "/app", MappingMatch.PATH));
    // The servlet path is decoded ("/a b/c"); the raw target keeps its encoding and parameters.
    assertEquals(
        "/rest;v=1",
        target(true, "/s/a%20b;p=2/c/rest;v=1", null, "/s", "/a b/c", MappingMatch.PATH));
    assertEquals("/", target(true, "/shop/app", null, "/shop", "/app", MappingMatch.PATH));
    assertEquals("/?q", target(true, "/shop/exact", "q", "/shop", "/exact", MappingMatch.EXACT));
    assertEquals(
        "/f.jsp", target(true, "/shop/f.jsp", null, "/shop", "/f.jsp", MappingMatch.EXTENSION));
    assertEquals("/d/e", target(true, "/d/e", null, "", "/d/e", MappingMatch.DEFAULT));
  }

  static String authority(String host, String protocol, String canonical) {
    return authority(host, protocol, canonical, "10.0.0.5", 8080);
  }

  static String authority(
      String host, String protocol, String canonical, String serverName, int serverPort) {
    Map<String, Object> a = new HashMap<>();
    Map<String, List<String>> headers = new LinkedHashMap<>();
    if (host != null) {
      headers.put("Host", List.of(host));
    }
    a.put("headers", headers);
    a.put("getProtocol", protocol);
    a.put("getServerName", serverName);
    a.put("getServerPort", serverPort);
    a.put("getScheme", "http");
    return new ServletHttpExchange(request(a), null, canonical, false, l -> {}).authority();
  }

  @Test
  void theAuthorityIsTheClientsOrAConfiguredOne() {
    // Host as sent when the container named the server after it (the port too, even a default).
    assertEquals(
        "Example.com:80", authority("Example.com:80", "HTTP/1.1", "c.example", "example.com", 80));
    assertEquals("[::1]:81", authority("[::1]:81", "HTTP/1.1", null, "::1", 81));
    // An absolute-form target or a trusted forwarded host named it otherwise.
    assertEquals("abs.example", authority("h", "HTTP/1.1", null, "abs.example", 80));
    assertEquals("abs.example:81", authority("h:80", "HTTP/1.1", null, "abs.example", 81));
    assertEquals("c.example", authority(null, "HTTP/1.0", "c.example"));
    assertEquals("10.0.0.5:8080", authority(null, "HTTP/1.0", null));
    assertEquals("10.0.0.5:8080", authority(null, "HTTP/2.0", "c.example"), ":authority on h2");
  }

  @Test
  void fieldsKeepTheirBytesAndDuplicates() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Dup", List.of("a", "b"));
    headers.put("X-Latin", List.of("caf\u00e9"));
    Map<String, Object> a = new HashMap<>();
    a.put("headers", headers);
    List<HttpField> fields =
        new ServletHttpExchange(request(a), null, null, false, l -> {}).requestHeaders();
    assertEquals(
        List.of(
            HttpField.latin1("X-Dup", "a"),
            HttpField.latin1("X-Dup", "b"),
            new HttpField("X-Latin", new byte[] {'c', 'a', 'f', (byte) 0xe9})),
        fields);
  }

  /** A response stub, not committed, recording the calls an error status makes, in order. */
  static HttpServletResponse response(List<String> calls, ByteArrayOutputStream body) {
    ServletOutputStream out =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {
            body.write(b);
          }
        };
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            ServletHttpExchangeTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "isCommitted":
                  return false;
                case "getOutputStream":
                  return out;
                case "reset":
                  calls.add("reset");
                  return null;
                case "setStatus":
                case "setContentType":
                case "setContentLength":
                  calls.add(method.getName() + " " + args[0]);
                  return null;
                case "addHeader":
                  calls.add("addHeader " + args[0] + ": " + args[1]);
                  return null;
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  @Test
  void anErrorStatusReplacesTheResponseWithItsFields() {
    List<String> calls = new ArrayList<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ServletHttpExchange x =
        new ServletHttpExchange(null, response(calls, body), null, false, l -> {});
    x.fail(503, List.of(HttpField.latin1("Retry-After", "1")), "busy");
    assertEquals(
        List.of(
            "reset",
            "setStatus 503",
            "addHeader Retry-After: 1",
            "setContentType text/plain;charset=utf-8",
            "setContentLength 24"),
        calls);
    assertEquals("503 Service Unavailable\n", body.toString(StandardCharsets.UTF_8));
  }

  /** A body of {@code length} bytes (negative: endless) that arrives one byte per read. */
  static ServletInputStream trickle(long length, long pauseMillis, AtomicLong read) {
    return new ServletInputStream() {
      @Override
      public int read() throws IOException {
        if (length >= 0 && read.get() >= length) {
          return -1;
        }
        try {
          Thread.sleep(pauseMillis);
        } catch (InterruptedException e) {
          throw new IOException(e);
        }
        read.incrementAndGet();
        return 'x';
      }

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        int c = read();
        if (c < 0) {
          return -1;
        }
        b[off] = (byte) c;
        return 1;
      }

      @Override
      public boolean isFinished() {
        return false;
      }

      @Override
      public boolean isReady() {
        return true;
      }

      @Override
      public void setReadListener(ReadListener listener) {}
    };
  }

  static ServletHttpExchange withBody(ServletInputStream body) {
    return new ServletHttpExchange(
        request(Map.of("getInputStream", body)), null, null, false, l -> {});
  }

  @Test
  void anAbortOfAResponseTheContainerAnsweredLeavesItsAnswer() throws IOException {
    // Tomcat after a failed read of a malformed body: it has sent 400 itself (and reports the
    // response committed).
    List<String> calls = new ArrayList<>();
    HttpServletResponse held =
        (HttpServletResponse)
            Proxy.newProxyInstance(
                ServletHttpExchangeTest.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class},
                (proxy, method, args) -> {
                  calls.add(method.getName());
                  return switch (method.getName()) {
                    case "isCommitted" -> true;
                    case "getStatus" -> 400;
                    default -> null;
                  };
                });
    ServletHttpExchange x =
        new ServletHttpExchange(
            request(Map.of("getProtocol", "HTTP/1.0")), held, null, false, l -> {});
    x.respond(200, List.of());
    x.abort("the guest returned without finishing the outgoing-body");
    assertTrue(x.broken());
    assertEquals(null, x.abortPending(), "nothing for service() to throw");
    assertFalse(calls.contains("sendError"), calls::toString);
  }

  @Test
  void theDrainReadsAnUnreadBodyToItsEnd() {
    AtomicLong read = new AtomicLong();
    assertTrue(withBody(trickle(100, 0, read)).drainRequestBody(1000, Duration.ofSeconds(30)));
    assertEquals(100, read.get());
  }

  @Test
  void aBodyWhoseReadFailedIsNotReadAgain() throws IOException {
    AtomicLong reads = new AtomicLong();
    ServletHttpExchange x =
        withBody(
            new ServletInputStream() {
              @Override
              public int read() throws IOException {
                reads.incrementAndGet();
                throw new IOException("Invalid chunk header");
              }

              @Override
              public boolean isFinished() {
                return false;
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setReadListener(ReadListener listener) {}
            });
    assertThrows(IOException.class, () -> x.requestBody().read(new byte[10]));
    assertFalse(x.drainRequestBody(1000, Duration.ofSeconds(30)));
    assertEquals(1, reads.get(), "the container is not asked again");
  }

  @Test
  @Timeout(60) // a hang guard: without its time limit the drain would read for hours
  void aBodySentByteByByteIsNotWaitedFor() {
    AtomicLong read = new AtomicLong();
    assertFalse(
        withBody(trickle(-1, 20, read))
            .drainRequestBody(WasiHttpServlet.DRAIN_LIMIT, Duration.ofMillis(200)));
    assertTrue(read.get() < WasiHttpServlet.DRAIN_LIMIT, "gave up before the byte limit");
  }
}
