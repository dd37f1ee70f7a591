package dev.wasihttp.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * A servlet's JMX counters as an operator reads them: three good requests, a trap, a timeout and a
 * rejection, each counted exactly once where it belongs; the MBean is gone once the container has
 * destroyed the servlet.
 */
public abstract class CounterScenarios {
  private static final MBeanServer JMX = ManagementFactory.getPlatformMBeanServer();

  /** A new, unstarted fixture of the container under test. */
  protected abstract ContainerFixture newFixture();

  @Test
  void eachOutcomeIsCountedOnceAndTheMBeanLeavesWithTheServlet() throws Exception {
    ObjectName name = ServletCounters.name("/ops", "counted");
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    ContainerFixture fixture = newFixture();
    try {
      int port =
          fixture.start(
              List.of(
                  Deployment.component(
                      "/ops",
                      "counted",
                      "/*",
                      Map.of(
                          "component", Samples.component("hostile-c").toString(),
                          "timeout", "6s",
                          "maxConcurrent", "1",
                          "maxConcurrentWait", "2s"))));
      String base = "http://127.0.0.1:" + port + "/ops";
      assertTrue(JMX.isRegistered(name), "registered while the servlet serves");

      // One call at a time: a request waits up to 2 s for the slot (the previous request frees it
      // just after its client has the answer).
      for (int i = 0; i < 3; i++) {
        assertEquals(200, send(client, base + "/hi").get(30, TimeUnit.SECONDS).statusCode());
      }
      assertEquals(500, send(client, base + "/trap").get(30, TimeUnit.SECONDS).statusCode());

      // The slot is taken by a guest that loops until its 6 s deadline: a request that waited
      // 2 s for it is refused, and the looping one ends with 504.
      CompletableFuture<HttpResponse<String>> looping = send(client, base + "/loop");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (attribute(name, "InstancesInUse") < 1 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      HttpResponse<String> refused = send(client, base + "/hi").get(30, TimeUnit.SECONDS);
      assertEquals(503, refused.statusCode());
      assertEquals("1", refused.headers().firstValue("retry-after").orElse(null));
      assertEquals(504, looping.get(30, TimeUnit.SECONDS).statusCode());

      // A request is counted as its handler returns, just after the client has its answer.
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (attribute(name, "Requests") < 6 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertEquals(3, attribute(name, "Requests2xx"));
      assertEquals(0, attribute(name, "Requests3xx"));
      assertEquals(0, attribute(name, "Requests4xx"));
      assertEquals(0, attribute(name, "Requests5xx"));
      assertEquals(1, attribute(name, "Traps"));
      assertEquals(1, attribute(name, "Timeouts"));
      assertEquals(1, attribute(name, "Rejected"));
      assertEquals(0, attribute(name, "Aborted"));
      assertEquals(6, attribute(name, "Requests"));
      assertEquals(0, attribute(name, "InstancesInUse"));
      assertEquals("hostile-c", JMX.getAttribute(name, "Component"));
      // hostile-c defines 12 core functions: all interpreted, or all compiled at load.
      boolean interpreter = "interpreter".equals(System.getProperty("it.engine"));
      assertEquals(interpreter ? 12 : 0, attribute(name, "InterpretedFunctions"));
    } finally {
      fixture.close();
    }
    assertFalse(JMX.isRegistered(name), "destroy() unregistered the counters");
  }

  private static CompletableFuture<HttpResponse<String>> send(HttpClient client, String url) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build();
    return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
  }

  private static long attribute(ObjectName name, String attribute) {
    return ServletCounters.read(name, attribute);
  }
}
