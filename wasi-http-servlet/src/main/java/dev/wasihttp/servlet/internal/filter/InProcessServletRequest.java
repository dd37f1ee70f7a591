package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request a servlet behind a {@link dev.wasihttp.servlet.WasiHttpFilter} sees for one of the
 * guest's in-process requests: the guest's method, query, header fields (the container request's
 * are hidden; {@code Host} is the request's authority), body (read from the guest's writes as they
 * come) and trailers. Parameters come from the guest's query and, for a form ({@code
 * application/x-www-form-urlencoded}), its body, up to {@link #MAX_FORM_BYTES}. The path, session,
 * attributes, security and connection details are the container request's (a {@code
 * RequestDispatcher} sets the path of a forward). Async and upgrades are not supported: {@link
 * #startAsync} throws {@link IllegalStateException}.
 *
 * <p>Used on the container thread; {@code onUse} runs at each call that only a running servlet
 * makes (see {@link ForwardGate}).
 */
final class InProcessServletRequest extends HttpServletRequestWrapper {
  /** 1 MiB: the most of a form body read for parameters (Jetty's default is 200 000 bytes). */
  static final int MAX_FORM_BYTES = 1 << 20;

  private static final String FORM = "application/x-www-form-urlencoded";

  private final HttpExchange exchange;
  private final Runnable onUse;
  private final List<HttpField> fields;
  private final String query;
  private String characterEncoding;
  private ServletInputStream in;
  private BufferedReader reader;
  private Map<String, String[]> parameters;

  /**
   * The request of {@code exchange} (an in-process exchange, its request the guest's) over the
   * container's {@code request}.
   */
  InProcessServletRequest(HttpServletRequest request, HttpExchange exchange, Runnable onUse) {
    super(request);
    this.exchange = exchange;
    this.onUse = onUse;
    List<HttpField> f = new ArrayList<>();
    if (exchange.authority() != null) {
      f.add(HttpField.latin1("Host", exchange.authority()));
    }
    for (HttpField h : exchange.requestHeaders()) {
      if (!h.name().equalsIgnoreCase("host")) {
        f.add(h);
      }
    }
    this.fields = List.copyOf(f);
    String target = exchange.pathWithQuery();
    int q = target == null ? -1 : target.indexOf('?');
    this.query = q < 0 ? null : target.substring(q + 1);
  }

  @Override
  public String getMethod() {
    onUse.run();
    return exchange.method();
  }

  @Override
  public String getQueryString() {
    return query;
  }

  // ---- header fields ----

  @Override
  public String getHeader(String name) {
    onUse.run();
    for (HttpField f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.latin1Value();
      }
    }
    return null;
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    onUse.run();
    List<String> values = new ArrayList<>();
    for (HttpField f : fields) {
      if (f.name().equalsIgnoreCase(name)) {
        values.add(f.latin1Value());
      }
    }
    return Collections.enumeration(values);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    onUse.run();
    Set<String> names = new LinkedHashSet<>();
    Set<String> seen = new LinkedHashSet<>();
    for (HttpField f : fields) {
      if (seen.add(f.name().toLowerCase(Locale.ROOT))) {
        names.add(f.name());
      }
    }
    return Collections.enumeration(names);
  }

  @Override
  public int getIntHeader(String name) {
    String v = getHeader(name);
    return v == null ? -1 : Integer.parseInt(v.trim());
  }

  @Override
  public long getDateHeader(String name) {
    String v = getHeader(name);
    if (v == null) {
      return -1;
    }
    try {
      return ZonedDateTime.parse(v.trim(), DateTimeFormatter.RFC_1123_DATE_TIME)
          .toInstant()
          .toEpochMilli();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("not an HTTP date: " + v, e);
    }
  }

  @Override
  public Cookie[] getCookies() {
    List<Cookie> cookies = new ArrayList<>();
    for (Enumeration<String> e = getHeaders("Cookie"); e.hasMoreElements(); ) {
      for (String pair : e.nextElement().split(";")) {
        int eq = pair.indexOf('=');
        String name = (eq < 0 ? pair : pair.substring(0, eq)).trim();
        if (name.isEmpty()) {
          continue;
        }
        String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
          value = value.substring(1, value.length() - 1);
        }
        try {
          cookies.add(new Cookie(name, value));
        } catch (IllegalArgumentException ignored) {
          // A name the servlet API refuses: a container drops it as well.
        }
      }
    }
    return cookies.isEmpty() ? null : cookies.toArray(new Cookie[0]);
  }

  // ---- the body ----

  @Override
  public String getContentType() {
    return getHeader("Content-Type");
  }

  @Override
  public long getContentLengthLong() {
    String v = getHeader("Content-Length");
    if (v == null) {
      return -1;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  public int getContentLength() {
    long n = getContentLengthLong();
    return n > Integer.MAX_VALUE ? -1 : (int) n;
  }

  @Override
  public String getCharacterEncoding() {
    if (characterEncoding != null) {
      return characterEncoding;
    }
    return charsetParameter(getContentType());
  }

  @Override
  public void setCharacterEncoding(String encoding) throws UnsupportedEncodingException {
    if (reader != null) {
      return; // too late, as the servlet API says
    }
    try {
      Charset.forName(encoding);
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new UnsupportedEncodingException(encoding);
    }
    characterEncoding = encoding;
  }

  @Override
  public ServletInputStream getInputStream() throws IOException {
    onUse.run();
    if (reader != null) {
      throw new IllegalStateException("getReader() was called already");
    }
    return body();
  }

  @Override
  public BufferedReader getReader() throws IOException {
    onUse.run();
    if (reader == null) {
      if (in != null) {
        throw new IllegalStateException("getInputStream() was called already");
      }
      reader = new BufferedReader(new InputStreamReader(body(), charset()));
    }
    return reader;
  }

  private ServletInputStream body() throws IOException {
    if (in == null) {
      in = new Body(exchange.requestBody());
    }
    return in;
  }

  private Charset charset() {
    String name = getCharacterEncoding();
    if (name != null) {
      try {
        return Charset.forName(name);
      } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
        // As containers do: the default for an unknown charset.
      }
    }
    return StandardCharsets.ISO_8859_1;
  }

  @Override
  public boolean isTrailerFieldsReady() {
    return in != null && in.isFinished();
  }

  @Override
  public Map<String, String> getTrailerFields() {
    if (!isTrailerFieldsReady()) {
      throw new IllegalStateException("the body has not been read to its end");
    }
    Map<String, String> map = new LinkedHashMap<>();
    for (HttpField f : exchange.requestTrailers()) {
      map.merge(f.name().toLowerCase(Locale.ROOT), f.latin1Value(), (a, b) -> a + "," + b);
    }
    return map;
  }

  // ---- parameters ----

  @Override
  public String getParameter(String name) {
    String[] v = parameters().get(name);
    return v == null ? null : v[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters();
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters().keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] v = parameters().get(name);
    return v == null ? null : v.clone();
  }

  private Map<String, String[]> parameters() {
    onUse.run();
    if (parameters == null) {
      Map<String, List<String>> all = new LinkedHashMap<>();
      parse(query, StandardCharsets.UTF_8, all);
      String type = getContentType();
      if (type != null
          && type.toLowerCase(Locale.ROOT).startsWith(FORM)
          && in == null
          && reader == null) {
        // A form without a charset is UTF-8, as browsers send it and Jetty reads it.
        String cs = getCharacterEncoding();
        parse(readForm(), cs == null ? StandardCharsets.UTF_8 : charset(), all);
      }
      Map<String, String[]> map = new LinkedHashMap<>();
      all.forEach((k, v) -> map.put(k, v.toArray(new String[0])));
      parameters = Collections.unmodifiableMap(map);
    }
    return parameters;
  }

  private String readForm() {
    try {
      InputStream body = body();
      ByteArrayOutputStream form = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      int n;
      while ((n = body.read(buf)) >= 0) {
        if (form.size() + n > MAX_FORM_BYTES) {
          throw new IllegalStateException("form body larger than " + MAX_FORM_BYTES + " bytes");
        }
        form.write(buf, 0, n);
      }
      return form.toString(StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new IllegalStateException("reading the form body failed: " + e.getMessage(), e);
    }
  }

  /** Adds the {@code name=value} pairs of {@code encoded} (null: none), decoded with {@code cs}. */
  static void parse(String encoded, Charset cs, Map<String, List<String>> into) {
    if (encoded == null || encoded.isEmpty()) {
      return;
    }
    for (String pair : encoded.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), cs);
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), cs);
      into.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }
  }

  private static String decode(String s, Charset cs) {
    // Bytes came in as ISO-8859-1 characters (a form body) or ASCII (a query): re-read them in cs.
    String bytes = new String(s.getBytes(StandardCharsets.ISO_8859_1), cs);
    try {
      return URLDecoder.decode(bytes, cs);
    } catch (IllegalArgumentException e) {
      return bytes; // a malformed escape: the text as it came, as Tomcat keeps it
    }
  }

  // ---- what is not supported behind the filter ----

  @Override
  public Collection<Part> getParts() throws ServletException {
    throw new ServletException("multipart requests are not supported behind WasiHttpFilter");
  }

  @Override
  public Part getPart(String name) throws ServletException {
    return getParts().iterator().next();
  }

  @Override
  public AsyncContext startAsync() {
    throw asyncUnsupported();
  }

  @Override
  public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
    throw asyncUnsupported();
  }

  @Override
  public boolean isAsyncSupported() {
    return false;
  }

  @Override
  public boolean isAsyncStarted() {
    return false;
  }

  @Override
  public AsyncContext getAsyncContext() {
    throw new IllegalStateException("no async behind WasiHttpFilter");
  }

  @Override
  public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) throws ServletException {
    throw new ServletException("protocol upgrades are not supported behind WasiHttpFilter");
  }

  private static IllegalStateException asyncUnsupported() {
    return new IllegalStateException(
        "async servlets are not supported behind WasiHttpFilter: the request runs on the"
            + " container thread the filter holds");
  }

  /** The {@code charset} parameter of a content type, or null. */
  static String charsetParameter(String contentType) {
    if (contentType == null) {
      return null;
    }
    for (String p : contentType.split(";")) {
      String t = p.trim();
      if (t.regionMatches(true, 0, "charset=", 0, 8)) {
        String v = t.substring(8).trim();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  /** The guest's body as a blocking servlet stream. */
  private static final class Body extends ServletInputStream {
    private final InputStream in;
    private boolean finished;

    Body(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (finished) {
        return -1;
      }
      int n = in.read(b, off, len);
      finished = n < 0;
      return n;
    }

    @Override
    public boolean isFinished() {
      return finished;
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setReadListener(ReadListener listener) {
      throw new IllegalStateException("non-blocking reads are not supported behind WasiHttpFilter");
    }
  }
}
