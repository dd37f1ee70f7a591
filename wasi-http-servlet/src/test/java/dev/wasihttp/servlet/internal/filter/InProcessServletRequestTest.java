package dev.wasihttp.servlet.internal.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.http.HttpField;
import dev.wasihttp.servlet.internal.exchange.ServletHttpExchangeTest;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * What a servlet behind {@link dev.wasihttp.servlet.WasiHttpFilter} sees of a guest's request: the
 * guest's method, query, fields, body and trailers over a container request (a stub that fails
 * every call it is asked, so nothing of the original shows through).
 */
class InProcessServletRequestTest {
  private final AtomicInteger uses = new AtomicInteger();

  private InProcessServletRequest request(
      String method, String target, List<HttpField> headers, String body) {
    HttpServletRequest original = ServletHttpExchangeTest.request(Map.of());
    return new InProcessServletRequest(
        original, new InProcessExchangeStub(method, target, headers, body), uses::incrementAndGet);
  }

  @Test
  void theGuestsMethodQueryAndFieldsHideTheOriginals() {
    InProcessServletRequest r =
        request(
            "PATCH",
            "/items/7?a=1&b=x%20y&a=2",
            List.of(
                HttpField.latin1("X-Token", "t1"),
                HttpField.latin1("x-token", "t2"),
                HttpField.latin1("Host", "spoofed"),
                HttpField.latin1("Cookie", "sid=abc; theme=\"dark\"")),
            "");
    assertEquals("PATCH", r.getMethod());
    assertEquals("a=1&b=x%20y&a=2", r.getQueryString());
    assertEquals("shop.example:8080", r.getHeader("host"), "Host is the request's authority");
    assertEquals("t1", r.getHeader("x-token"));
    assertEquals(List.of("t1", "t2"), Collections.list(r.getHeaders("X-TOKEN")));
    assertEquals(List.of("Host", "X-Token", "Cookie"), Collections.list(r.getHeaderNames()));
    assertArrayEquals(new String[] {"1", "2"}, r.getParameterValues("a"));
    assertEquals("x y", r.getParameter("b"));
    Cookie[] cookies = r.getCookies();
    assertEquals("sid", cookies[0].getName());
    assertEquals("dark", cookies[1].getValue());
    assertTrue(uses.get() > 0, "each call tells the forward gate the target runs");
  }

  @Test
  void theBodyIsTheGuestsAndItsTrailersFollowItsEnd() throws IOException {
    InProcessServletRequest r =
        request(
            "POST",
            "/upload",
            List.of(
                HttpField.latin1("content-type", "text/plain; charset=UTF-8"),
                HttpField.latin1("content-length", "6")),
            "héllo");
    assertEquals(6, r.getContentLength());
    assertEquals("UTF-8", r.getCharacterEncoding());
    assertFalse(r.isTrailerFieldsReady());
    assertEquals("héllo", r.getReader().readLine());
    assertThrows(IllegalStateException.class, r::getInputStream, "the reader has the body");
    assertEquals(-1, r.getReader().read());
    assertTrue(r.isTrailerFieldsReady());
    assertEquals(Map.of("x-sum", "42"), r.getTrailerFields());
  }

  @Test
  void aFormBodyGivesParameters() {
    InProcessServletRequest r =
        request(
            "POST",
            "/form?from=query",
            List.of(HttpField.latin1("Content-Type", "application/x-www-form-urlencoded")),
            "name=J%C3%B6rg&from=body");
    assertEquals("Jörg", r.getParameter("name"));
    assertArrayEquals(new String[] {"query", "body"}, r.getParameterValues("from"));
  }

  @Test
  void asyncIsRefusedWithAReason() {
    InProcessServletRequest r = request("GET", "/", List.of(), "");
    assertFalse(r.isAsyncSupported());
    IllegalStateException e = assertThrows(IllegalStateException.class, r::startAsync);
    assertTrue(e.getMessage().contains("not supported behind WasiHttpFilter"), e.getMessage());
  }

  @Test
  void absentAndMalformedValuesAreAnsweredAsTheServletApiSays() {
    InProcessServletRequest r =
        request("GET", "/", List.of(HttpField.latin1("content-length", "many")), "");
    assertEquals(-1, r.getContentLength());
    assertNull(r.getQueryString());
    assertNull(r.getCookies());
    assertEquals(-1, r.getDateHeader("if-modified-since"));
    assertNull(r.getParameter("x"));
  }
}
