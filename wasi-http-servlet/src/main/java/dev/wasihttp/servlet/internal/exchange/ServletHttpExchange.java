package dev.wasihttp.servlet.internal.exchange;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.MappingMatch;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One servlet request and response as an {@link HttpExchange}, for the duration of one {@code
 * service()} call. The request body and trailers may be read from a thread the handler starts (the
 * wasi:http host reads ahead); everything else is used by one thread at a time.
 *
 * <p>Request side: the method as received; the scheme from {@code getScheme()} (so the container's
 * forwarded-header handling decides); the authority from the {@code Host} header as sent, unless
 * the container names the server otherwise (an absolute-form target, or a forwarded host it trusts:
 * then its server name and port), on HTTP/2 from {@code :authority}, and for a client that sent
 * none (HTTP/1.0) the configured canonical authority or else the container's server name and port;
 * the target from the raw {@code getRequestURI()} and {@code getQueryString()}, relative to the
 * context path (and the servlet path of a {@code /prefix/*} mapping when configured), never from
 * the decoded {@code getPathInfo()}; header values round-trip their bytes through ISO-8859-1,
 * duplicates kept in order (the servlet API groups fields by name).
 *
 * <p>Response side: {@link #respond} sets the status, adds every field (a guest's {@code Date} or
 * {@code Server} replaces the container's default) and flushes, so the client sees headers at once;
 * when the guest's fields declare {@code Trailer}, a trailer supplier is registered first,
 * otherwise trailers are logged and dropped. {@link #abort} breaks the response for the client:
 * Jetty aborts on {@code sendError(-1)}; other containers (Tomcat) are told by an exception from
 * {@code service()}, see {@link #abortPending()}. Which calls come, in which order, is decided by
 * the {@link dev.wasihttp.http.GuardedExchange} the servlet wraps this in; this class only maps
 * them onto the servlet API.
 */
public final class ServletHttpExchange implements HttpExchange {
  /** Fields a container may set by itself before the servlet runs; the guest's value wins. */
  private static final Set<String> CONTAINER_DEFAULTS = Set.of("date", "server");

  private final HttpServletRequest request;
  private final HttpServletResponse response;
  private final String canonicalAuthority;
  private final boolean stripServletPath;
  private final Consumer<String> log;
  private volatile WatchedBody body;
  private OutputStream out;
  private volatile Map<String, String> trailers;
  private boolean trailersRegistered;
  private boolean responded;
  private int respondedStatus;
  private String abortReason;
  private boolean broken;

  /**
   * An exchange over one request and its response, its target and authority mapped as the servlet's
   * options say: {@code canonicalAuthority} (or null) for a client that sent none, and whether to
   * strip the servlet path; {@code log} receives lines for the container log (already naming the
   * component).
   */
  public ServletHttpExchange(
      HttpServletRequest request,
      HttpServletResponse response,
      String canonicalAuthority,
      boolean stripServletPath,
      Consumer<String> log) {
    this.request = request;
    this.response = response;
    this.canonicalAuthority = canonicalAuthority;
    this.stripServletPath = stripServletPath;
    this.log = log;
  }

  @Override
  public String method() {
    return request.getMethod();
  }

  @Override
  public String scheme() {
    String scheme = request.getScheme();
    if (scheme == null) {
      return request.isSecure() ? "https" : "http";
    }
    return scheme.toLowerCase(Locale.ROOT);
  }

  @Override
  public String authority() {
    String host = request.getHeader("Host");
    if (host != null && !host.isEmpty()) {
      // The container names the server after an absolute-form target, or after a forwarded host
      // it was told to trust; otherwise after Host, which is then passed on exactly as sent.
      String name = request.getServerName();
      if (name == null || hostPart(host).equalsIgnoreCase(bracketed(name))) {
        return host;
      }
      return serverAuthority();
    }
    if (!request.getProtocol().startsWith("HTTP/2") && canonicalAuthority != null) {
      return canonicalAuthority;
    }
    return serverAuthority();
  }

  private static String hostPart(String authority) {
    if (authority.startsWith("[")) {
      int end = authority.indexOf(']');
      return end < 0 ? authority : authority.substring(0, end + 1);
    }
    int colon = authority.indexOf(':');
    return colon < 0 ? authority : authority.substring(0, colon);
  }

  private static String bracketed(String name) {
    return name.indexOf(':') >= 0 && !name.startsWith("[") ? "[" + name + "]" : name;
  }

  private String serverAuthority() {
    String name = request.getServerName();
    if (name == null || name.isEmpty()) {
      return canonicalAuthority;
    }
    name = bracketed(name);
    int port = request.getServerPort();
    String scheme = scheme();
    boolean defaultPort =
        port <= 0
            || (port == 80 && scheme.equals("http"))
            || (port == 443 && scheme.equals("https"));
    return defaultPort ? name : name + ":" + port;
  }

  @Override
  public String pathWithQuery() {
    String uri = request.getRequestURI();
    String context = request.getContextPath();
    String path = uri;
    if (context != null && !context.isEmpty() && uri.startsWith(context)) {
      path = uri.substring(context.length());
    }
    if (stripServletPath) {
      path = stripServletPath(path);
    }
    if (path.isEmpty()) {
      path = "/";
    } else if (path.charAt(0) != '/') {
      path = "/" + path;
    }
    String query = request.getQueryString();
    return query == null ? path : path + "?" + query;
  }

  /**
   * Drops the raw segments that make up the servlet path of a {@code /prefix/*} mapping (or all of
   * an exact mapping). The servlet path is decoded, so it is matched by segment count: the raw
   * target keeps its encoding and path parameters.
   */
  private String stripServletPath(String path) {
    HttpServletMapping mapping = request.getHttpServletMapping();
    MappingMatch match = mapping == null ? null : mapping.getMappingMatch();
    if (match == MappingMatch.EXACT) {
      return "/";
    }
    if (match != MappingMatch.PATH) {
      return path;
    }
    String servletPath = request.getServletPath();
    int segments = 0;
    for (int i = 0; i < servletPath.length(); i++) {
      if (servletPath.charAt(i) == '/') {
        segments++;
      }
    }
    int at = 0;
    for (int s = 0; s < segments && at < path.length(); s++) {
      int next = path.indexOf('/', at + 1);
      at = next < 0 ? path.length() : next;
    }
    return path.substring(at);
  }

  @Override
  public List<HttpField> requestHeaders() {
    List<HttpField> fields = new ArrayList<>();
    Enumeration<String> names = request.getHeaderNames();
    while (names != null && names.hasMoreElements()) {
      String name = names.nextElement();
      Enumeration<String> values = request.getHeaders(name);
      while (values.hasMoreElements()) {
        fields.add(HttpField.latin1(name, values.nextElement()));
      }
    }
    return fields;
  }

  @Override
  public synchronized InputStream requestBody() throws IOException {
    if (body == null) {
      body = new WatchedBody(request.getInputStream());
    }
    return body;
  }

  /**
   * The container's request body, noting whether a read reached its end or failed: the drain after
   * the response must not read a failed body again (Tomcat answers a second read with another
   * exception, which its error page then shows instead of the first).
   */
  private static final class WatchedBody extends FilterInputStream {
    volatile boolean ended;
    volatile boolean failed;

    WatchedBody(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      try {
        int b = super.read();
        ended |= b < 0;
        return b;
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try {
        int n = super.read(b, off, len);
        ended |= n < 0;
        return n;
      } catch (IOException e) {
        failed = true;
        throw e;
      }
    }
  }

  /**
   * {@code Expect: 100-continue}: Jetty sends the {@code 100} when the body is first read, as long
   * as the response is not committed by then (Tomcat, by default, sends it before the servlet
   * runs).
   */
  @Override
  public boolean expectsContinue() {
    for (Enumeration<String> e = request.getHeaders("Expect"); e.hasMoreElements(); ) {
      if (e.nextElement().trim().equalsIgnoreCase("100-continue")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public List<HttpField> requestTrailers() {
    try {
      if (!request.isTrailerFieldsReady()) {
        return List.of();
      }
      Map<String, String> map = request.getTrailerFields();
      List<HttpField> fields = new ArrayList<>();
      for (Map.Entry<String, String> e : map.entrySet()) {
        // The servlet API joins repeated trailers with ","; that is their list form in HTTP.
        fields.add(HttpField.latin1(e.getKey(), e.getValue()));
      }
      return fields;
    } catch (IllegalStateException e) {
      return List.of();
    }
  }

  @Override
  public void respond(int status, List<HttpField> headers) throws IOException {
    response.setStatus(status);
    boolean declaresTrailers = false;
    for (HttpField f : headers) {
      if (f.name().equalsIgnoreCase("trailer")) {
        declaresTrailers = true;
      }
    }
    if (declaresTrailers) {
      try {
        response.setTrailerFields(() -> trailers == null ? Map.of() : trailers);
        trailersRegistered = true;
      } catch (IllegalStateException e) {
        log.accept("trailers cannot be sent on this response (" + e.getMessage() + ")");
      }
    }
    // The guest's Date and Server replace the container's defaults (Jetty adds Date before the
    // servlet runs), so a guest that forwards an upstream's Date sends one. Every other field is
    // added, next to what filters may have set (a session cookie, Vary...).
    Set<String> replaced = new HashSet<>();
    for (HttpField f : headers) {
      String lower = f.name().toLowerCase(Locale.ROOT);
      if (CONTAINER_DEFAULTS.contains(lower) && replaced.add(lower)) {
        response.setHeader(f.name(), f.latin1Value());
      } else {
        response.addHeader(f.name(), f.latin1Value());
      }
    }
    if (jettyWouldEndByClosing(status, headers)) {
      // Chunks, so that an abort shows as a missing last chunk rather than a clean end.
      response.setHeader("Transfer-Encoding", "chunked");
    }
    // Not flushed here: the container sends the head with the body's first flush, or with the
    // whole response at finish (one write, with a Content-Length, for a small response).
    responded = true;
    respondedStatus = status;
  }

  /**
   * Whether Jetty would send this response's body unframed, ending it by closing the connection, so
   * that an abort would look like a clean end to the client: a body without a declared length for
   * an HTTP/1.1 request that asked to close the connection. A {@code Transfer-Encoding: chunked}
   * set by the application makes Jetty chunk it. Tomcat chunks such a body by itself (and would
   * send a second framing if told), so this is Jetty's case alone. An HTTP/1.0 client cannot be
   * sent chunks: a body without a length ends by closing, and an abort looks like its end.
   */
  private boolean jettyWouldEndByClosing(int status, List<HttpField> headers) {
    if (!"HTTP/1.1".equals(request.getProtocol())
        || "HEAD".equals(request.getMethod())
        || status < 200
        || status == 204
        || status == 304) {
      return false;
    }
    for (HttpField f : headers) {
      if (f.name().equalsIgnoreCase("content-length")) {
        return false;
      }
    }
    boolean close = false;
    for (Enumeration<String> e = request.getHeaders("Connection");
        e != null && e.hasMoreElements(); ) {
      for (String token : e.nextElement().split(",")) {
        close |= token.trim().equalsIgnoreCase("close");
      }
    }
    ServletContext context = close ? request.getServletContext() : null;
    return context != null
        && context.getServerInfo() != null
        && context.getServerInfo().regionMatches(true, 0, "jetty", 0, 5);
  }

  @Override
  public OutputStream responseBody() throws IOException {
    if (out == null) {
      out = response.getOutputStream();
    }
    return out;
  }

  @Override
  public void finish(List<HttpField> trailerFields) throws IOException {
    if (!trailerFields.isEmpty()) {
      if (trailersRegistered) {
        Map<String, String> map = new LinkedHashMap<>();
        for (HttpField f : trailerFields) {
          map.merge(f.name().toLowerCase(Locale.ROOT), f.latin1Value(), (a, b) -> a + ", " + b);
        }
        trailers = Collections.unmodifiableMap(map);
      } else {
        log.accept(
            "dropped "
                + trailerFields.size()
                + " response trailer(s): the response did not declare them with a Trailer field");
      }
    }
    responseBody().close();
  }

  /**
   * Breaks the committed response for the client. Jetty ee10 does it on {@code sendError(-1)} (no
   * final chunk, the connection closed or the stream reset); other containers (Tomcat) refuse
   * {@code sendError} after commit and are told by an exception from {@code service()}, see {@link
   * #abortPending()}. A response the container has not committed (its {@code respond} failed)
   * cannot be broken: it is answered with 500 instead; nor can one the container answered by itself
   * (Tomcat's 400 after a failed read of a malformed body): its answer stands.
   */
  @Override
  public void abort(String reason) {
    if (responded && response.getStatus() != respondedStatus) {
      // The container answered by itself before anything of the guest's went out (Tomcat sends
      // 400 when a read of a malformed body fails, and then reports itself committed): its answer
      // stands, and an exception from service() would only turn it into a 500 error page.
      broken = true;
      return;
    }
    if (!response.isCommitted()) {
      if (!responded) {
        sendStatus(500);
        return;
      }
      try {
        response.flushBuffer(); // the status the guest set goes out, then the broken body
      } catch (IOException e) {
        // The client is gone: the response is broken already.
      }
    }
    broken = true;
    abortReason = reason == null ? "aborted" : reason;
    try {
      response.sendError(-1);
      abortReason = null;
    } catch (IllegalStateException | IOException e) {
      // Not Jetty: WasiHttpServlet throws from service().
    }
  }

  /** Replaces whatever the container has buffered with {@code status} and a one-line text body. */
  @Override
  public void fail(int status, String reason) {
    fail(status, List.of(), reason);
  }

  /**
   * Replaces whatever the container has buffered with {@code status}, {@code headers} (e.g. {@code
   * Retry-After}) and a one-line text body.
   */
  @Override
  public void fail(int status, List<HttpField> headers, String reason) {
    // The guard has committed nothing, but the container may have (a filter that flushed, a full
    // buffer written around the exchange): an error status can then no longer replace the
    // response, and ending it cleanly would pass a short response off as whole.
    if (response.isCommitted()) {
      abort(reason);
      return;
    }
    sendStatus(status, headers);
  }

  private void sendStatus(int status) {
    sendStatus(status, List.of());
  }

  private void sendStatus(int status, List<HttpField> headers) {
    try {
      response.reset();
      response.setStatus(status);
      for (HttpField f : headers) {
        response.addHeader(f.name(), f.latin1Value());
      }
      response.setContentType("text/plain;charset=utf-8");
      byte[] text = (status + " " + statusText(status) + "\n").getBytes(StandardCharsets.UTF_8);
      response.setContentLength(text.length);
      OutputStream o = response.getOutputStream();
      o.write(text);
      o.close();
    } catch (IOException | IllegalStateException e) {
      log.accept("could not send the error status: " + e);
    }
  }

  private static String statusText(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 413:
        return "Content Too Large";
      case 500:
        return "Internal Server Error";
      case 502:
        return "Bad Gateway";
      case 503:
        return "Service Unavailable";
      case 504:
        return "Gateway Timeout";
      default:
        return "Error";
    }
  }

  /**
   * Reads and discards what is left of the request body, at most {@code limit} bytes and for at
   * most {@code timeLimit}, after the handler is done: a container that finds the body unread
   * closes the connection, and a client still sending it may then lose the response to a TCP reset.
   * The time limit keeps a client that sends the rest slowly (a byte now and then) from holding the
   * container's thread here; a read is checked against it when it returns. Returns whether the
   * body's end was reached; if not, the container deals with the rest as for any servlet.
   */
  public boolean drainRequestBody(long limit, Duration timeLimit) {
    long deadline = System.nanoTime() + timeLimit.toNanos();
    try {
      WatchedBody in = (WatchedBody) requestBody();
      if (in.failed || in.ended) {
        return in.ended;
      }
      byte[] buf = new byte[8192];
      long left = limit;
      while (left > 0) {
        if (System.nanoTime() - deadline > 0) {
          return false;
        }
        int n = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (n < 0) {
          return true;
        }
        left -= n;
      }
      return false;
    } catch (IOException | IllegalStateException e) {
      return false;
    }
  }

  /**
   * The reason of an abort that the container has not yet acted on, or null: the servlet then
   * throws from {@code service()} so the container breaks the connection.
   */
  public String abortPending() {
    return abortReason;
  }

  /** Whether an abort broke the response (by the container, or still to be). */
  public boolean broken() {
    return broken;
  }
}
