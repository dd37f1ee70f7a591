package dev.wasihttp.it;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/** The Java side of the filter scenarios: a filter in front of the component, servlets behind. */
public final class BehindTheFilter {
  private BehindTheFilter() {}

  /** What {@link ThreadLocalFilter} sets for the request it passes on. */
  public static final ThreadLocal<String> CALLER = new ThreadLocal<>();

  /**
   * Sets {@link #CALLER} to the request's {@code x-caller} (or {@code anonymous}) around the chain.
   */
  public static final class ThreadLocalFilter implements Filter {
    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
        throws IOException, ServletException {
      String caller = ((HttpServletRequest) req).getHeader("x-caller");
      CALLER.set(caller == null ? "anonymous" : caller);
      try {
        chain.doFilter(req, res);
      } finally {
        CALLER.remove();
      }
    }
  }

  /**
   * Answers what it saw, one {@code key=value} per line: dispatch type, method, URI, query, the
   * {@link #CALLER} its thread holds, the {@code authorization} and {@code x-extra} fields; counts
   * its requests.
   */
  public static final class InfoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;
    public final AtomicLong hits = new AtomicLong();

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      hits.incrementAndGet();
      String text =
          "dispatch="
              + req.getDispatcherType()
              + "\nmethod="
              + req.getMethod()
              + "\nuri="
              + req.getRequestURI()
              + "\nquery="
              + req.getQueryString()
              + "\ncaller="
              + CALLER.get()
              + "\nauthorization="
              + req.getHeader("authorization")
              + "\nx-extra="
              + req.getHeader("x-extra")
              + "\n";
      res.setContentType("text/plain;charset=utf-8");
      res.setHeader("x-servlet", "info");
      res.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes back the request body as it reads it, without a length. */
  public static final class EchoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.setContentType("application/octet-stream");
      InputStream in = req.getInputStream();
      OutputStream out = res.getOutputStream();
      byte[] buf = new byte[64 * 1024];
      for (int n; (n = in.read(buf)) >= 0; ) {
        out.write(buf, 0, n);
      }
    }
  }

  /** Fails every request with an exception. */
  public static final class FailingServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res)
        throws ServletException {
      throw new ServletException("the servlet behind failed on purpose");
    }
  }

  /** Starts async processing, which the filter does not support behind it. */
  public static final class AsyncServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) {
      req.startAsync().complete();
    }
  }

  /** Answers with {@code sendError(403)}. */
  public static final class ForbiddenServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse res) throws IOException {
      res.sendError(403, "go away");
    }
  }
}
