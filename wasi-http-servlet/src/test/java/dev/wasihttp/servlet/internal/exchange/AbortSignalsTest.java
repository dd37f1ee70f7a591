package dev.wasihttp.servlet.internal.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.servlet.http.HttpServletResponse;
import java.io.EOFException;
import java.io.IOException;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** Which exception tells the container to break a committed response. */
class AbortSignalsTest {
  static final HttpServletResponse RESPONSE =
      (HttpServletResponse)
          Proxy.newProxyInstance(
              AbortSignalsTest.class.getClassLoader(),
              new Class<?>[] {HttpServletResponse.class},
              (proxy, method, args) -> {
                throw new UnsupportedOperationException(method.getName());
              });

  @Test
  void theContainersOwnCloseNowExceptionWhenItHasOne() {
    // Stands in for Tomcat's org.apache.coyote.CloseNowException: an IOException(String).
    IOException e = new AbortSignals("java.io.EOFException").abort(RESPONSE, "guest timed out");
    assertEquals(EOFException.class, e.getClass());
    assertEquals("response aborted: guest timed out", e.getMessage());
  }

  @Test
  void elsewhereAnExceptionWithoutAStackTrace() {
    IOException e = new AbortSignals("org.example.NoSuchException").abort(RESPONSE, "trap");
    assertEquals(AbortSignals.AbortedResponse.class, e.getClass());
    assertEquals("response aborted: trap", e.getMessage());
    assertEquals(0, e.getStackTrace().length);
  }

  @Test
  void notWhenTheClassIsNoIoException() {
    IOException e = new AbortSignals("java.lang.String").abort(RESPONSE, "trap");
    assertEquals(AbortSignals.AbortedResponse.class, e.getClass());
  }
}
