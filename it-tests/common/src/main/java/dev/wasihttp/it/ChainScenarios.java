package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.eclipse.jetty.client.ContentResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two components chained in one servlet by the {@code chain} init-param: proxy-c serves the client,
 * and its outgoing requests reach hello-c in process, without a socket and under the default policy
 * that denies the network. Mounts (context paths, each mapped at {@code /}):
 *
 * <ul>
 *   <li>{@code /chain}: proxy-c with {@code env.UPSTREAM=http://hello-c}, the name the chain gives
 *       hello-c;
 *   <li>{@code /own}: proxy-c without an upstream; requests name the server's own origin in {@code
 *       x-upstream}, which the chain also sends to hello-c.
 * </ul>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ChainScenarios {
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private ContainerFixture fixture;
  private int port;

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @BeforeAll
  void start() throws Exception {
    String proxy = Samples.component("proxy-c").toString();
    String hello = Samples.component("hello-c").toString();
    fixture = newFixture();
    port =
        fixture.start(
            List.of(
                Deployment.component(
                    "/chain",
                    "proxy-c",
                    "/",
                    Map.of("component", proxy, "chain", hello, "env.UPSTREAM", "http://hello-c")),
                Deployment.component(
                    "/own", "proxy-c-own", "/", Map.of("component", proxy, "chain", hello))));
  }

  @AfterAll
  void stop() throws Exception {
    if (fixture != null) {
      fixture.close();
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
  }

  @Test
  void theSecondComponentsAnswerReachesTheClientThroughTheFirst() throws Exception {
    HttpResponse<String> r = client.send(request("/chain/hi?q=1").build(), BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("hello from C: GET /hi?q=1\n", r.body());
    assertEquals("c", r.headers().firstValue("x-wasm-lang").orElse(null));

    r =
        client.send(
            request("/own/hi").header("x-upstream", "http://127.0.0.1:" + port).build(),
            BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), r.body());
    assertEquals("hello from C: GET /hi\n", r.body(), "the own origin is the next component");
  }

  /**
   * 8 MiB echoed through both: more than every buffer on the way holds together, so it comes back
   * only if both components stream. Sent with Jetty's client, which reads the response while it
   * still sends the request (the JDK's HTTP/1.1 client reads only after it sent everything).
   */
  @Test
  void aBodyStreamsThroughBothComponentsAndBack() throws Exception {
    byte[] body = new byte[8 << 20];
    new Random(8).nextBytes(body);
    ContentResponse r = DuplexPost.send(port, "/chain/echo", Map.of(), body);
    assertEquals(200, r.getStatus());
    assertArrayEquals(body, r.getContent());
  }

  @Test
  void aTrapInTheSecondIsAFailureTheFirstAnswersAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> r = client.send(request("/chain/trap").build(), BodyHandlers.ofString());
    assertEquals(502, r.statusCode(), r.body());
    assertEquals("connection-terminated", r.headers().firstValue("x-proxy-error").orElse(null));
    assertEquals("connection-terminated\n", r.body());
    fixture.log().awaitContaining("[hello-c] answered 500: the guest trapped");

    r = client.send(request("/chain/after").build(), BodyHandlers.ofString());
    assertEquals(200, r.statusCode());
    assertEquals("hello from C: GET /after\n", r.body());
  }
}
