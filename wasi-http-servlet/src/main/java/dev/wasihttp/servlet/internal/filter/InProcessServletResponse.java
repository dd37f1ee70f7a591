package dev.wasihttp.servlet.internal.filter;

import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.HttpField;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The response a servlet behind a {@link dev.wasihttp.servlet.WasiHttpFilter} writes for one of the
 * guest's in-process requests: everything is captured into that request's exchange, whose response
 * becomes the guest's {@code incoming-response}; nothing reaches the container's response (the
 * guest writes that one). Status and header fields are held until the body's first flush, a write
 * past the buffer ({@link #DEFAULT_BUFFER_SIZE} unless set), or the end ({@link #complete}), which
 * also sets a {@code Content-Length} for a body that fit the buffer; the body then streams into the
 * exchange as the servlet writes it (a write waits while the guest has not read).
 *
 * <p>{@link #sendError} answers the status with a one-line text body, and {@link #sendRedirect} 302
 * with {@code Location} as given: the container's error pages do not apply behind the filter.
 *
 * <p>Not a wrapper of the container's response, on purpose: a container that unwraps the response
 * it is given would reach the real one, which the guest writes from its thread (Tomcat ends it
 * after a forward, Jetty clears its buffer before one); only URL encoding is asked of it.
 *
 * <p>Used on the container thread only.
 */
final class InProcessServletResponse implements HttpServletResponse {
  /** 8 KiB: the default buffer before the head is committed. */
  static final int DEFAULT_BUFFER_SIZE = 8192;

  /** 1 MiB: the largest buffer {@link #setBufferSize} grants. */
  static final int MAX_BUFFER_SIZE = 1 << 20;

  private static final DateTimeFormatter HTTP_DATE =
      DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  private enum Output {
    NONE,
    STREAM,
    WRITER
  }

  private final HttpServletResponse original;
  private final HttpExchange exchange;
  private final Runnable onUse;
  private final List<HttpField> headers = new ArrayList<>();
  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final Body body = new Body();
  private int status = 200;
  private String contentType;
  private String characterEncoding;
  private long contentLength = -1;
  private Locale locale;
  private int bufferSize = DEFAULT_BUFFER_SIZE;
  private Output output = Output.NONE;
  private PrintWriter writer;
  private OutputStream out; // the exchange's body, once committed
  private boolean committed;
  private boolean closed;
  private boolean completing;
  private Supplier<Map<String, String>> trailers;

  /** Captures into {@code exchange}'s response, over the container's {@code response}. */
  InProcessServletResponse(HttpServletResponse response, HttpExchange exchange, Runnable onUse) {
    this.original = response;
    this.exchange = exchange;
    this.onUse = onUse;
  }

  /**
   * The servlet is done: commits what was not, and ends the exchange's response cleanly with the
   * servlet's trailers.
   *
   * @throws IOException when the guest went away
   */
  void complete() throws IOException {
    if (writer != null) {
      completing = true; // the writer's flush is not the servlet's: it must not commit
      writer.flush();
    }
    if (!committed && contentLength < 0) {
      contentLength = buffer.size();
    }
    commit();
    List<HttpField> t = new ArrayList<>();
    if (trailers != null) {
      Map<String, String> map = trailers.get();
      if (map != null) {
        map.forEach((k, v) -> t.add(HttpField.latin1(k, v)));
      }
    }
    exchange.finish(t);
  }

  /** Sends status and fields, then what the buffer holds. */
  private void commit() throws IOException {
    if (committed) {
      return;
    }
    committed = true;
    exchange.respond(status, fields());
    out = exchange.responseBody();
    if (buffer.size() > 0) {
      buffer.writeTo(out);
      buffer.reset();
    }
  }

  /** The header fields as committed: those set, then the content type and length. */
  List<HttpField> fields() {
    List<HttpField> all = new ArrayList<>(headers);
    String type = getContentType();
    if (type != null) {
      all.add(HttpField.latin1("Content-Type", type));
    }
    if (contentLength >= 0 && !has("Content-Length")) {
      all.add(HttpField.latin1("Content-Length", Long.toString(contentLength)));
    }
    return all;
  }

  private boolean has(String name) {
    for (HttpField f : headers) {
      if (f.name().equalsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  // ---- status and header fields ----

  @Override
  public void setStatus(int sc) {
    onUse.run();
    if (!committed) {
      status = sc;
    }
  }

  @Override
  public int getStatus() {
    return status;
  }

  @Override
  public void setHeader(String name, String value) {
    onUse.run();
    if (committed || name == null) {
      return;
    }
    if (name.equalsIgnoreCase("Content-Type")) {
      setContentType(value);
      return;
    }
    if (name.equalsIgnoreCase("Content-Length")) {
      headers.removeIf(f -> f.name().equalsIgnoreCase(name));
      contentLength = value == null ? -1 : Long.parseLong(value.trim());
      return;
    }
    headers.removeIf(f -> f.name().equalsIgnoreCase(name));
    if (value != null) {
      headers.add(HttpField.latin1(name, value));
    }
  }

  @Override
  public void addHeader(String name, String value) {
    onUse.run();
    if (committed || name == null || value == null) {
      return;
    }
    if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("Content-Length")) {
      setHeader(name, value);
      return;
    }
    headers.add(HttpField.latin1(name, value));
  }

  @Override
  public void setIntHeader(String name, int value) {
    setHeader(name, Integer.toString(value));
  }

  @Override
  public void addIntHeader(String name, int value) {
    addHeader(name, Integer.toString(value));
  }

  @Override
  public void setDateHeader(String name, long date) {
    setHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
  }

  @Override
  public void addDateHeader(String name, long date) {
    addHeader(name, HTTP_DATE.format(Instant.ofEpochMilli(date)));
  }

  @Override
  public boolean containsHeader(String name) {
    return getHeader(name) != null;
  }

  @Override
  public String getHeader(String name) {
    if (name.equalsIgnoreCase("Content-Type")) {
      return getContentType();
    }
    if (name.equalsIgnoreCase("Content-Length") && contentLength >= 0) {
      return Long.toString(contentLength);
    }
    for (HttpField f : headers) {
      if (f.name().equalsIgnoreCase(name)) {
        return f.latin1Value();
      }
    }
    return null;
  }

  @Override
  public Collection<String> getHeaders(String name) {
    List<String> values = new ArrayList<>();
    for (HttpField f : fields()) {
      if (f.name().equalsIgnoreCase(name)) {
        values.add(f.latin1Value());
      }
    }
    return values;
  }

  @Override
  public Collection<String> getHeaderNames() {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    for (HttpField f : fields()) {
      names.add(f.name());
    }
    return names;
  }

  @Override
  public void addCookie(Cookie cookie) {
    StringBuilder s = new StringBuilder(cookie.getName()).append('=');
    s.append(cookie.getValue() == null ? "" : cookie.getValue());
    for (Map.Entry<String, String> a : cookie.getAttributes().entrySet()) {
      s.append("; ").append(a.getKey());
      if (a.getValue() != null && !a.getValue().isEmpty()) {
        s.append('=').append(a.getValue());
      }
    }
    addHeader("Set-Cookie", s.toString());
  }

  @Override
  public void setContentType(String type) {
    onUse.run();
    if (committed) {
      return;
    }
    if (type == null) {
      contentType = null;
      return;
    }
    String charset = InProcessServletRequest.charsetParameter(type);
    int semi = type.indexOf(';');
    contentType = (semi < 0 ? type : type.substring(0, semi)).trim();
    if (charset != null && writer == null) {
      characterEncoding = charset;
    }
  }

  @Override
  public String getContentType() {
    if (contentType == null) {
      return null;
    }
    boolean text = contentType.regionMatches(true, 0, "text/", 0, 5);
    String cs = characterEncoding != null ? characterEncoding : (text ? charsetName() : null);
    return cs == null ? contentType : contentType + ";charset=" + cs;
  }

  @Override
  public void setCharacterEncoding(String charset) {
    if (!committed && writer == null) {
      characterEncoding = charset;
    }
  }

  @Override
  public String getCharacterEncoding() {
    return charsetName();
  }

  private String charsetName() {
    return characterEncoding != null ? characterEncoding : "ISO-8859-1";
  }

  @Override
  public void setContentLength(int len) {
    setContentLengthLong(len);
  }

  @Override
  public void setContentLengthLong(long len) {
    onUse.run();
    if (!committed) {
      contentLength = len;
    }
  }

  @Override
  public void setLocale(Locale loc) {
    if (!committed) {
      locale = loc;
    }
  }

  @Override
  public Locale getLocale() {
    return locale != null ? locale : Locale.getDefault();
  }

  @Override
  public void setTrailerFields(Supplier<Map<String, String>> supplier) {
    if (committed) {
      throw new IllegalStateException("the response is committed");
    }
    trailers = supplier;
  }

  @Override
  public Supplier<Map<String, String>> getTrailerFields() {
    return trailers;
  }

  @Override
  public String encodeURL(String url) {
    return original.encodeURL(url);
  }

  @Override
  public String encodeRedirectURL(String url) {
    return original.encodeRedirectURL(url);
  }

  // ---- buffer and body ----

  @Override
  public void setBufferSize(int size) {
    if (committed || buffer.size() > 0) {
      throw new IllegalStateException("content was written already");
    }
    bufferSize = Math.max(0, Math.min(size, MAX_BUFFER_SIZE));
  }

  @Override
  public int getBufferSize() {
    return bufferSize;
  }

  @Override
  public void flushBuffer() throws IOException {
    if (writer != null) {
      writer.flush();
    }
    body.flush();
  }

  @Override
  public void resetBuffer() {
    if (committed) {
      throw new IllegalStateException("the response is committed");
    }
    buffer.reset();
  }

  @Override
  public void reset() {
    resetBuffer();
    headers.clear();
    status = 200;
    contentType = null;
    characterEncoding = null;
    contentLength = -1;
    trailers = null;
    output = Output.NONE;
    writer = null;
  }

  @Override
  public boolean isCommitted() {
    return committed;
  }

  @Override
  public ServletOutputStream getOutputStream() {
    onUse.run();
    if (output == Output.WRITER) {
      throw new IllegalStateException("getWriter() was called already");
    }
    output = Output.STREAM;
    return body;
  }

  @Override
  public PrintWriter getWriter() {
    onUse.run();
    if (output == Output.STREAM) {
      throw new IllegalStateException("getOutputStream() was called already");
    }
    if (writer == null) {
      output = Output.WRITER;
      writer = new PrintWriter(new OutputStreamWriter(body, charset()), false);
    }
    return writer;
  }

  private Charset charset() {
    try {
      return Charset.forName(charsetName());
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return StandardCharsets.ISO_8859_1;
    }
  }

  @Override
  public void sendError(int sc, String msg) throws IOException {
    onUse.run();
    if (committed) {
      throw new IllegalStateException("the response is committed");
    }
    reset();
    status = sc;
    byte[] text = (sc + (msg == null ? "" : " " + msg) + "\n").getBytes(StandardCharsets.UTF_8);
    contentType = "text/plain";
    characterEncoding = "utf-8";
    contentLength = text.length;
    buffer.write(text);
    closed = true; // what the servlet writes after this is dropped
  }

  @Override
  public void sendError(int sc) throws IOException {
    sendError(sc, null);
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    onUse.run();
    if (committed) {
      throw new IllegalStateException("the response is committed");
    }
    resetBuffer();
    status = SC_FOUND;
    setHeader("Location", location);
    contentLength = 0;
    closed = true;
  }

  /** The body: buffered until the head is committed, then straight into the exchange. */
  private final class Body extends ServletOutputStream {
    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      if (closed) {
        return; // after close, sendError or sendRedirect, as containers do
      }
      if (committed) {
        out.write(b, off, len);
        return;
      }
      buffer.write(b, off, len);
      if (buffer.size() > bufferSize) {
        commit();
      }
    }

    @Override
    public void flush() throws IOException {
      if (closed || completing) {
        return;
      }
      commit();
      out.flush();
    }

    @Override
    public void close() throws IOException {
      if (!closed) {
        if (!committed && contentLength < 0) {
          contentLength = buffer.size();
        }
        commit();
        closed = true;
      }
    }

    @Override
    public boolean isReady() {
      return true;
    }

    @Override
    public void setWriteListener(WriteListener listener) {
      throw new IllegalStateException(
          "non-blocking writes are not supported behind WasiHttpFilter");
    }
  }
}
