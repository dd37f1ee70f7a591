package dev.wasihttp.it;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An upstream on 127.0.0.1 that accepts connections and reads whatever comes, but never answers: a
 * proxied request to it waits for a response until something else ends it. It tells which of its
 * connections carried bytes and are still open, so a test can check that an abandoned request left
 * none behind (an HTTP client may keep a connection that carried nothing in its pool).
 */
public final class SilentUpstream implements AutoCloseable {
  private final ServerSocket server;
  private final List<Connection> connections = new CopyOnWriteArrayList<>();

  private static final class Connection {
    volatile boolean carried;
    volatile boolean closed;
  }

  public SilentUpstream() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::accept, "silent-upstream");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** {@code http://127.0.0.1:PORT}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getLocalPort();
  }

  /** Connections that received at least one byte and that the other side has not closed. */
  public long openWithBytes() {
    return connections.stream().filter(c -> c.carried && !c.closed).count();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        Connection c = new Connection();
        connections.add(c);
        Thread reader = new Thread(() -> readToEnd(s, c), "silent-upstream-connection");
        reader.setDaemon(true);
        reader.start();
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private static void readToEnd(Socket s, Connection c) {
    try (Socket socket = s;
        InputStream in = socket.getInputStream()) {
      byte[] buf = new byte[8192];
      while (in.read(buf) >= 0) {
        c.carried = true;
      }
    } catch (IOException e) {
      // reset: closed too
    }
    c.closed = true;
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
