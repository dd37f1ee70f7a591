package dev.wasihttp.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP/1.x over a plain socket, for what {@code java.net.http} hides: the exact bytes on the wire,
 * a missing {@code Host}, chunked request trailers, and how a response ends (a final chunk versus a
 * closed connection).
 */
public final class RawHttp {
  private RawHttp() {}

  /** What came back: every byte until the server closed, and whether it closed in time. */
  public record Reply(byte[] bytes, boolean closed) {
    /** The bytes as ISO-8859-1 text. */
    public String text() {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** The status line. */
    public String statusLine() {
      String t = text();
      int eol = t.indexOf("\r\n");
      return eol < 0 ? t : t.substring(0, eol);
    }

    /** The status code, or -1 when no status line came. */
    public int status() {
      String[] parts = statusLine().split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
        return -1;
      }
      try {
        return Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        return -1;
      }
    }

    /** The head (status line and fields) without the blank line. */
    public String head() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? t : t.substring(0, end);
    }

    /**
     * The body without chunk framing (chunks joined, trailers left out); a body that is not chunked
     * is returned as it is.
     */
    public String dechunked() {
      String b = body();
      if (!head().toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        return b;
      }
      StringBuilder out = new StringBuilder();
      int at = 0;
      while (true) {
        int eol = b.indexOf("\r\n", at);
        if (eol < 0) {
          return out.toString();
        }
        int size = Integer.parseInt(b.substring(at, eol).split(";")[0].trim(), 16);
        if (size == 0 || eol + 2 + size > b.length()) {
          return out.toString();
        }
        out.append(b, eol + 2, eol + 2 + size);
        at = eol + 2 + size + 2;
      }
    }

    /**
     * Whether one whole response is in: its head, then as many body bytes as its {@code
     * Content-Length} says, or a chunked body up to its final chunk and trailers. A body framed by
     * neither is whole only once the server closed.
     */
    public boolean complete() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      if (end < 0) {
        return false;
      }
      String head = head().toLowerCase(Locale.ROOT);
      String body = t.substring(end + 4);
      if (head.contains("transfer-encoding: chunked")) {
        return (body.startsWith("0\r\n") || body.contains("\r\n0\r\n"))
            && body.endsWith("\r\n\r\n");
      }
      for (String line : head.split("\r\n")) {
        if (line.startsWith("content-length:")) {
          return body.length() >= Long.parseLong(line.substring(15).trim());
        }
      }
      return closed;
    }

    /** Everything after the head's blank line (raw: chunk framing included). */
    public String body() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? "" : t.substring(end + 4);
    }
  }

  /**
   * Reads a response head from {@code in} up to its empty line, each line ending in {@code \n} (the
   * {@code \r} dropped).
   */
  public static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    for (String line; !(line = readLine(in)).isEmpty(); ) {
      head.append(line).append('\n');
    }
    return head.toString();
  }

  /** Reads one line from {@code in}, without its {@code \r\n}. */
  public static String readLine(InputStream in) throws IOException {
    StringBuilder s = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        throw new IOException("connection closed in a line: " + s);
      }
      if (b != '\r') {
        s.append((char) b);
      }
    }
    return s.toString();
  }

  /** The bytes of a body made up as it is sent: byte {@code i} of it. */
  public interface Pattern {
    byte at(long i);
  }

  /** What a streamed body's bytes are seen by, piece by piece: {@code buf[0, len)}. */
  public interface Bytes {
    void accept(byte[] buf, int len) throws IOException;
  }

  /**
   * Starts a thread that writes {@code head} (ISO-8859-1) and then {@code total} bytes of body to
   * {@code socket}, in 64 KiB pieces, byte {@code i} being {@code pattern.at(i)}; each piece
   * written is then given to {@code sent}. A failure to write lands in {@code failure}.
   */
  public static Thread upload(
      Socket socket,
      String head,
      long total,
      Pattern pattern,
      Bytes sent,
      AtomicReference<Throwable> failure) {
    Thread upload =
        new Thread(
            () -> {
              try {
                var out = socket.getOutputStream();
                out.write(head.getBytes(StandardCharsets.ISO_8859_1));
                byte[] buf = new byte[64 * 1024];
                for (long off = 0; off < total; off += buf.length) {
                  int len = (int) Math.min(buf.length, total - off);
                  for (int i = 0; i < len; i++) {
                    buf[i] = pattern.at(off + i);
                  }
                  out.write(buf, 0, len);
                  sent.accept(buf, len);
                }
                out.flush();
              } catch (IOException e) {
                failure.set(e);
              }
            },
            "upload");
    upload.start();
    return upload;
  }

  /**
   * Reads a chunked body from {@code in} (positioned after the head) to its last chunk, giving its
   * bytes to {@code received} as they come, in reads of up to 64 KiB; the trailers are not read.
   *
   * @return how many bytes the body held
   * @throws IOException when the connection closes before the last chunk
   */
  public static long readChunked(InputStream in, Bytes received) throws IOException {
    long count = 0;
    byte[] buf = new byte[64 * 1024];
    for (int size; (size = Integer.parseInt(readLine(in).split(";")[0].trim(), 16)) > 0; ) {
      for (int left = size; left > 0; ) {
        int n = in.read(buf, 0, Math.min(buf.length, left));
        if (n < 0) {
          throw new IOException("connection closed after " + count + " bytes");
        }
        received.accept(buf, n);
        count += n;
        left -= n;
      }
      readLine(in);
    }
    return count;
  }

  /**
   * Sends {@code request} (ISO-8859-1 text, {@code \r\n} line ends, as given) to 127.0.0.1:port and
   * reads until the server closes the connection or {@code timeoutMillis} pass without data. Send
   * {@code Connection: close} to make a well-behaved server close after one response.
   */
  public static Reply exchange(int port, String request, int timeoutMillis) throws IOException {
    try (Client c = Client.open(port, timeoutMillis)) {
      c.send(request);
      return c.readToClose();
    }
  }

  /**
   * A connection whose request is written piece by piece, for clients that misbehave: one that
   * sends slowly, stops, or vanishes in the middle of its body. Every read is bounded by the
   * timeout given to {@link #open}.
   */
  public static final class Client implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final ByteArrayOutputStream got = new ByteArrayOutputStream();

    private Client(Socket socket) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
    }

    /** Connects to 127.0.0.1:port; a read waits at most {@code timeoutMillis} for data. */
    public static Client open(int port, int timeoutMillis) throws IOException {
      Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
      s.setSoTimeout(timeoutMillis);
      return new Client(s);
    }

    /** Writes {@code text} (ISO-8859-1) and flushes it. */
    public void send(String text) throws IOException {
      send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes {@code bytes} and flushes them. */
    public void send(byte[] bytes) throws IOException {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
    }

    /**
     * Reads until the response holds {@code text} (e.g. the head's blank line): whether it came
     * before the server closed or the timeout passed.
     */
    public boolean awaitText(String text) throws IOException {
      byte[] buf = new byte[8192];
      try {
        while (!got.toString(StandardCharsets.ISO_8859_1).contains(text)) {
          int n = in.read(buf);
          if (n < 0) {
            return false;
          }
          got.write(buf, 0, n);
        }
        return true;
      } catch (SocketTimeoutException e) {
        return false;
      }
    }

    /**
     * Everything received, read on until one whole response is in ({@link Reply#complete()}), the
     * server closes, or the timeout passes; it does not wait for the server to close.
     */
    public Reply awaitResponse() throws IOException {
      byte[] buf = new byte[8192];
      try {
        while (!new Reply(got.toByteArray(), false).complete()) {
          int n = in.read(buf);
          if (n < 0) {
            return new Reply(got.toByteArray(), true);
          }
          got.write(buf, 0, n);
        }
        return new Reply(got.toByteArray(), false);
      } catch (SocketTimeoutException e) {
        return new Reply(got.toByteArray(), false);
      } catch (IOException e) {
        return new Reply(got.toByteArray(), true);
      }
    }

    /** Everything received, read on until the server closes or the timeout passes. */
    public Reply readToClose() throws IOException {
      byte[] buf = new byte[8192];
      try {
        for (int n; (n = in.read(buf)) >= 0; ) {
          got.write(buf, 0, n);
        }
        return new Reply(got.toByteArray(), true);
      } catch (SocketTimeoutException e) {
        return new Reply(got.toByteArray(), false);
      } catch (IOException e) {
        // A reset is a close too.
        return new Reply(got.toByteArray(), true);
      }
    }

    /** Everything received so far. */
    public Reply received() {
      return new Reply(got.toByteArray(), false);
    }

    /** Drops the connection with a TCP reset, as a client that crashed or lost its network. */
    public void reset() throws IOException {
      socket.setSoLinger(true, 0);
      socket.close();
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
