// The ceiling for wasi-http's load figures: a plain Java servlet on the same embedded Jetty 12
// that `wasi-http serve` uses (HTTP/1.1 and h2c on one port, no server version), answering what
// the hello samples answer. Run as a single-file program on the CLI jar's class path:
//
//   java -cp samples/cli/target/wasi-http.jar it-tests/load/PlainServlet.java [PORT]
//
// GET /anything -> 200 "hello from Java: GET /anything\n"; POST /echo streams the body back;
// GET /bytes?n=N streams N bytes (byte i is i & 0xff, N from 0 to 1 GiB) in 64 KiB writes, like
// hello-c's /bytes (a missing or invalid n: 400).
// Prints "Listening on http://127.0.0.1:PORT/" once it accepts requests.

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

public class PlainServlet extends HttpServlet {
  private static final int PIECE = 64 * 1024;
  private static final long BYTES_MAX = 1L << 30;

  // Every 256-byte phase of a 64 KiB piece of the pattern i & 0xff.
  private static final byte[] PATTERN = new byte[PIECE + 256];

  static {
    for (int i = 0; i < PATTERN.length; i++) {
      PATTERN[i] = (byte) i;
    }
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String target = request.getRequestURI();
    if (request.getMethod().equals("POST") && target.equals("/echo")) {
      response.setContentType("application/octet-stream");
      try (InputStream in = request.getInputStream();
          OutputStream out = response.getOutputStream()) {
        byte[] buffer = new byte[64 * 1024];
        for (int n; (n = in.read(buffer)) > 0; ) {
          out.write(buffer, 0, n);
        }
      }
      return;
    }
    if (request.getMethod().equals("GET") && target.equals("/bytes")) {
      long n = count(request.getParameter("n"));
      if (n < 0) {
        response.setStatus(400);
        response.setContentType("text/plain");
        response
            .getOutputStream()
            .write("bad request: expected /bytes?n=N\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      response.setContentType("application/octet-stream");
      try (OutputStream out = response.getOutputStream()) {
        for (long sent = 0; sent < n; ) {
          int k = (int) Math.min(PIECE, n - sent);
          out.write(PATTERN, (int) (sent & 0xff), k);
          sent += k;
        }
      }
      return;
    }
    byte[] body =
        ("hello from Java: " + request.getMethod() + " " + target + "\n")
            .getBytes(StandardCharsets.UTF_8);
    response.setContentType("text/plain; charset=utf-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** N of /bytes?n=N, or -1 when it is missing, not decimal or above 1 GiB. */
  private static long count(String n) {
    if (n == null
        || n.isEmpty()
        || n.length() > 10
        || !n.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    long v = Long.parseLong(n);
    return v <= BYTES_MAX ? v : -1;
  }

  public static void main(String[] args) throws Exception {
    Server server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(http), new HTTP2CServerConnectionFactory(http));
    connector.setHost("127.0.0.1");
    connector.setPort(args.length > 0 ? Integer.parseInt(args[0]) : 0);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/");
    context.addServlet(new ServletHolder(new PlainServlet()), "/*");
    server.setHandler(context);
    server.start();
    System.out.println("Listening on http://127.0.0.1:" + connector.getLocalPort() + "/");
    server.join();
  }
}
