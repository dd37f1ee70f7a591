package dev.wasihttp.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

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

    /** Everything after the head's blank line (raw: chunk framing included). */
    public String body() {
      String t = text();
      int end = t.indexOf("\r\n\r\n");
      return end < 0 ? "" : t.substring(end + 4);
    }
  }

  /**
   * Sends {@code request} (ISO-8859-1 text, {@code \r\n} line ends, as given) to 127.0.0.1:port and
   * reads until the server closes the connection or {@code timeoutMillis} pass without data. Send
   * {@code Connection: close} to make a well-behaved server close after one response.
   */
  public static Reply exchange(int port, String request, int timeoutMillis) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(timeoutMillis);
      s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
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
  }
}
