package dev.wasihttp.servlet.internal.exchange;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.Constructor;

/**
 * The exception {@code service()} throws after commit to make a container (Tomcat) close the
 * connection without ending the body. Any exception does that, but Tomcat logs every exception from
 * a servlet at {@code ERROR}, except its own {@code org.apache.coyote.CloseNowException} (meant for
 * exactly this: "an error has occurred that requires the connection to be closed"), which it logs
 * at debug only. So that one is thrown when the container has it, found through the response's
 * class loader, and an aborted request is logged once, by the host; elsewhere an {@link
 * AbortedResponse}.
 */
public final class AbortSignals {
  static final String TOMCAT_CLOSE_NOW = "org.apache.coyote.CloseNowException";

  private final String closeNowClass;
  private volatile Constructor<? extends IOException> closeNow;
  private volatile boolean looked;

  /** Looks for Tomcat's {@code CloseNowException}. */
  public AbortSignals() {
    this(TOMCAT_CLOSE_NOW);
  }

  /** Looks for {@code closeNowClass} (an {@link IOException} with a message constructor). */
  AbortSignals(String closeNowClass) {
    this.closeNowClass = closeNowClass;
  }

  /** What to throw from {@code service()} to abort {@code response} for {@code reason}. */
  public IOException abort(HttpServletResponse response, String reason) {
    Constructor<? extends IOException> c = closeNow(response);
    if (c != null) {
      try {
        return c.newInstance("response aborted: " + reason);
      } catch (ReflectiveOperationException | RuntimeException e) {
        // fall through: the plain exception aborts all the same
      }
    }
    return new AbortedResponse(reason);
  }

  private Constructor<? extends IOException> closeNow(HttpServletResponse response) {
    if (!looked) {
      closeNow = find(response.getClass().getClassLoader());
      looked = true;
    }
    return closeNow;
  }

  private Constructor<? extends IOException> find(ClassLoader loader) {
    try {
      Class<?> type = Class.forName(closeNowClass, false, loader);
      if (!IOException.class.isAssignableFrom(type)) {
        return null;
      }
      return type.asSubclass(IOException.class).getConstructor(String.class);
    } catch (ClassNotFoundException | NoSuchMethodException | LinkageError | SecurityException e) {
      return null;
    }
  }

  /**
   * Thrown from {@code service()} after commit where the container has no quiet way to close the
   * connection. Carries no stack trace: the container logs it, and the reason was logged already.
   */
  static final class AbortedResponse extends IOException {
    private static final long serialVersionUID = 1L;

    AbortedResponse(String reason) {
      super("response aborted: " + reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }
}
