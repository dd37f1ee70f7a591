package dev.wasihttp.servlet.internal.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.HttpField;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * How a servlet's response behind {@link dev.wasihttp.servlet.WasiHttpFilter} is captured into the
 * in-process exchange: held until a flush, a full buffer or the end, then streamed; nothing reaches
 * the container's response (a stub that fails every call).
 */
class InProcessServletResponseTest {
  private final InProcessExchangeStub exchange =
      new InProcessExchangeStub("GET", "/", List.of(), "");
  private final InProcessServletResponse response =
      new InProcessServletResponse(untouchable(), exchange, () -> {});

  /** A container response that fails the test when anything is asked of it. */
  static HttpServletResponse untouchable() {
    return (HttpServletResponse)
        Proxy.newProxyInstance(
            InProcessServletResponseTest.class.getClassLoader(),
            new Class<?>[] {HttpServletResponse.class},
            (proxy, method, args) -> {
              throw new AssertionError("the container's response was used: " + method.getName());
            });
  }

  @Test
  void aSmallResponseIsSentWholeAtTheEndWithItsLength() throws IOException {
    response.setStatus(201);
    response.setContentType("text/plain");
    response.setCharacterEncoding("utf-8");
    response.addHeader("x-a", "1");
    response.addHeader("x-a", "2");
    response.setHeader("x-b", "gone");
    response.setHeader("x-b", null);
    response.addCookie(new Cookie("sid", "abc"));
    PrintWriter w = response.getWriter();
    w.print("créé");
    assertFalse(response.isCommitted());
    assertTrue(exchange.calls.isEmpty(), "nothing is sent before the end");

    response.complete();
    assertEquals(List.of("respond 201", "finish"), exchange.calls);
    assertEquals("créé", exchange.text());
    assertEquals("text/plain;charset=utf-8", exchange.header("content-type"));
    assertEquals("6", exchange.header("content-length"));
    assertEquals("sid=abc", exchange.header("set-cookie"));
    assertNull(exchange.header("x-b"));
    assertEquals(
        List.of("1", "2"),
        exchange.responseHeaders.stream()
            .filter(f -> f.name().equals("x-a"))
            .map(HttpField::latin1Value)
            .toList());
  }

  @Test
  void aFlushCommitsAndTheBodyThenStreamsWithoutALength() throws IOException {
    response.setTrailerFields(() -> Map.of("x-sum", "9")); // before the commit, as the API says
    ServletOutputStream out = response.getOutputStream();
    out.write(new byte[] {1, 2});
    out.flush();
    assertTrue(response.isCommitted());
    assertEquals(List.of("respond 200"), exchange.calls);
    assertNull(exchange.header("content-length"));
    out.write(new byte[InProcessServletResponse.DEFAULT_BUFFER_SIZE * 3]);
    assertEquals(2 + InProcessServletResponse.DEFAULT_BUFFER_SIZE * 3, exchange.response.size());
    assertThrows(IllegalStateException.class, response::resetBuffer);
    assertThrows(IllegalStateException.class, response::getWriter);

    response.complete();
    assertEquals(List.of(HttpField.latin1("x-sum", "9")), exchange.trailers);
  }

  @Test
  void aBodyPastTheBufferCommitsItself() throws IOException {
    response.getOutputStream().write(new byte[InProcessServletResponse.DEFAULT_BUFFER_SIZE + 1]);
    assertTrue(response.isCommitted());
  }

  @Test
  void sendErrorAnswersItsStatusWithAOneLineBody() throws IOException {
    response.getOutputStream().write("dropped".getBytes());
    response.sendError(403, "go away");
    response.getOutputStream().write("ignored".getBytes());
    response.complete();
    assertEquals(403, exchange.status);
    assertEquals("403 go away\n", exchange.text());
    assertEquals("text/plain;charset=utf-8", exchange.header("content-type"));
  }

  @Test
  void sendRedirectAnswers302WithTheLocationAsGiven() throws IOException {
    response.sendRedirect("/login?next=%2F");
    response.complete();
    assertEquals(302, exchange.status);
    assertEquals("/login?next=%2F", exchange.header("location"));
    assertEquals("0", exchange.header("content-length"));
  }
}
