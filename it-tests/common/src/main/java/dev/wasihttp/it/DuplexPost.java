package dev.wasihttp.it;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;

/**
 * A POST whose response is read while its body is still being sent, on Jetty's client (the JDK's
 * HTTP/1.1 client reads only after it sent everything): a body larger than every buffer on the way
 * comes back only if everything between streams.
 */
public final class DuplexPost {
  private DuplexPost() {}

  /**
   * POSTs {@code body} to {@code http://127.0.0.1:PORT/PATH} with {@code headers}; 60 s at most.
   */
  public static ContentResponse send(
      int port, String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpClient jetty = new HttpClient();
    jetty.start();
    try {
      Request post =
          jetty
              .newRequest("http://127.0.0.1:" + port + path)
              .method("POST")
              .headers(h -> headers.forEach(h::put))
              .body(new BytesRequestContent(body))
              .timeout(60, TimeUnit.SECONDS);
      return new CompletableResponseListener(post, body.length).send().get();
    } finally {
      jetty.stop();
    }
  }
}
