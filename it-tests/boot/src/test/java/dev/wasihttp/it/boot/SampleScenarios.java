package dev.wasihttp.it.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.wasihttp.samples.boot.SampleApplication;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application ({@code samples/spring-boot}) on the Spring Boot and container of the
 * module that runs this (the system properties {@code expected.boot}, {@code expected.container}
 * and {@code expected.jetty}, the version of the Jetty client): hello-c answers at {@code
 * /hello/*}; a third component, {@code counted}, added by the test's properties (hello-c again,
 * interpreted), has its counters read through {@code /actuator/metrics}. proxy-c's {@code UPSTREAM}
 * is a server this test starts on loopback; whether the proxy may reach it is the subclass's to
 * say.
 */
@SpringBootTest(
    classes = SampleApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "wasi-http.components.counted.location=classpath:wasm/hello-c.wasm",
      "wasi-http.components.counted.path=/counted/*",
      "wasi-http.components.counted.strip-servlet-path=true",
      "wasi-http.components.counted.engine=interpreter"
    })
abstract class SampleScenarios {
  /** The upstream of proxy-c: answers every request with its method and target. */
  static final HttpServer UPSTREAM = startUpstream();

  final HttpClient client =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  @Value("${local.server.port}")
  int port;

  @Autowired ServletContext servletContext;

  /** The URL of {@link #UPSTREAM}. */
  static String upstream() {
    return "http://127.0.0.1:" + UPSTREAM.getAddress().getPort();
  }

  @DynamicPropertySource
  static void upstreamOfTheProxy(DynamicPropertyRegistry registry) {
    String upstream = upstream();
    registry.add("wasi-http.components.proxy.env.UPSTREAM", () -> upstream);
  }

  @AfterAll
  static void stopUpstream() {
    UPSTREAM.stop(0);
  }

  @Test
  void runsOnTheBootAndContainerOfItsModule() {
    assertTrue(
        SpringBootVersion.getVersion().startsWith(System.getProperty("expected.boot")),
        SpringBootVersion.getVersion());
    String server = servletContext.getServerInfo();
    assertTrue(
        server.toLowerCase(Locale.ROOT).contains(System.getProperty("expected.container")), server);
    String jettyClient =
        org.eclipse.jetty.client.HttpClient.class.getPackage().getImplementationVersion();
    assertTrue(jettyClient.startsWith(System.getProperty("expected.jetty")), jettyClient);
    System.out.println(
        "Spring Boot "
            + SpringBootVersion.getVersion()
            + ", "
            + server
            + ", jetty-client "
            + jettyClient);
  }

  @Test
  void helloAnswersAtItsPath() throws Exception {
    HttpResponse<String> response = get("/hello/hi");
    assertEquals(200, response.statusCode());
    assertEquals("hello from C: GET /hi\n", response.body());
  }

  @Test
  void actuatorShowsTheCountersOfEachComponent() throws Exception {
    // The trap first: its instance is dropped, and the next three share one pooled instance.
    assertEquals(500, get("/counted/trap").statusCode());
    for (int i = 0; i < 3; i++) {
      assertEquals(200, get("/counted/hi").statusCode());
    }
    // A request is counted once its exchange ended, which may be just after its client read it.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (metric("wasi.http.requests", "component:counted") < 4 && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertEquals(4.0, metric("wasi.http.requests", "component:counted"));
    assertEquals(3.0, metric("wasi.http.requests", "component:counted", "outcome:2xx"));
    assertEquals(1.0, metric("wasi.http.requests", "component:counted", "outcome:trap"));
    assertEquals(0.0, metric("wasi.http.requests", "component:counted", "outcome:5xx"));
    assertEquals(0.0, metric("wasi.http.requests", "component:counted", "outcome:timeout"));
    assertEquals(0.0, metric("wasi.http.instances", "component:counted", "state:in-use"));
    assertEquals(1.0, metric("wasi.http.instances", "component:counted", "state:pooled"));
    assertTrue(metric("wasi.http.memory", "component:counted", "area:guest") >= 65536);
    assertTrue(metric("wasi.http.guest.time", "component:counted") > 0);
    assertTrue(metric("wasi.http.instantiate.time", "component:counted") > 0);
    // hello-c's 17 core functions: counted's engine is the interpreter; hello's (auto) compiles
    // them all at start.
    assertEquals(17.0, metric("wasi.http.interpreted.functions", "component:counted"));
    assertEquals(0.0, metric("wasi.http.interpreted.functions", "component:hello"));
  }

  @Test
  void aComponentThatCannotBeLoadedFailsTheStartWithItsMessage() {
    // Tomcat only logs a servlet that failed to start; the auto-configuration fails the start.
    String message =
        startFailure(
            "component gone",
            "wasi-http.components.gone.location=classpath:wasm/gone.wasm",
            "wasi-http.components.proxy.allow-outbound=");
    assertEquals(
        "component gone (classpath:wasm/gone.wasm) cannot be read: no such class-path resource",
        message);
  }

  /**
   * Starts the sample once more with {@code properties} as command-line arguments (over its
   * application.properties), which must fail; returns the message of the first cause in the chain
   * that starts with {@code prefix}.
   */
  static String startFailure(String prefix, String... properties) {
    String[] args = new String[properties.length + 2];
    args[0] = "--server.port=0";
    args[1] = "--spring.main.banner-mode=off";
    for (int i = 0; i < properties.length; i++) {
      args[i + 2] = "--" + properties[i];
    }
    SpringApplicationBuilder app = new SpringApplicationBuilder(SampleApplication.class);
    Exception e =
        assertThrows(
            Exception.class,
            () -> {
              try (ConfigurableApplicationContext context = app.run(args)) {
                context.getId();
              }
            });
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (String.valueOf(cause.getMessage()).startsWith(prefix)) {
        return cause.getMessage();
      }
    }
    throw new AssertionError("no cause starts with " + prefix, e);
  }

  /** The value of one meter (its first measurement) as {@code /actuator/metrics} shows it. */
  double metric(String name, String... tags) throws Exception {
    StringBuilder path = new StringBuilder("/actuator/metrics/").append(name);
    for (int i = 0; i < tags.length; i++) {
      path.append(i == 0 ? '?' : '&').append("tag=").append(tags[i]);
    }
    HttpResponse<String> response = get(path.toString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    // {"name":...,"measurements":[{"statistic":"COUNT","value":3.0}],...}
    Matcher value =
        Pattern.compile("\"measurements\":\\[\\{\"statistic\":\"\\w+\",\"value\":([0-9.Ee+-]+)")
            .matcher(response.body());
    assertTrue(value.find(), response.body());
    return Double.parseDouble(value.group(1));
  }

  HttpResponse<String> get(String path) throws Exception {
    return client.send(request(path).build(), BodyHandlers.ofString());
  }

  HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60));
  }

  static HttpServer startUpstream() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/",
          exchange -> {
            byte[] body =
                ("upstream: " + exchange.getRequestMethod() + " " + exchange.getRequestURI())
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
              out.write(body);
            }
          });
      server.start();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
