package dev.wasihttp.it.tomcat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample WAR ({@code samples/war}) deployed as it is into Tomcat 11 under {@code /shop}: the
 * WebAssembly servlet (web.xml, component in {@code WEB-INF/wasm/}) and a plain Java servlet answer
 * side by side.
 */
class TomcatSampleWarTest {
  private static final Path WAR =
      Path.of("..", "..", "samples", "war", "target", "wasi-http-sample.war");
  private static Tomcat tomcat;
  private static int port;
  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  @BeforeAll
  static void deploy() throws Exception {
    Path base = Files.createTempDirectory("tomcat-war");
    tomcat = new Tomcat();
    tomcat.setBaseDir(base.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    tomcat.getHost().setAppBase(base.toString());
    tomcat.setAddDefaultWebXmlToWebapp(false);
    tomcat.addWebapp("/shop", WAR.toAbsolutePath().toString());
    tomcat.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    tomcat.stop();
    tomcat.destroy();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return CLIENT.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theWebAssemblyServletSeesItsOwnPath() throws Exception {
    HttpResponse<String> r = get("/shop/wasm/hello?x=1");
    assertEquals(200, r.statusCode());
    assertEquals("hello from C: GET /hello?x=1\n", r.body());
    assertEquals("c", r.headers().firstValue("x-wasm-lang").orElse(null));
  }

  @Test
  void thePlainJavaServletAnswersBesideIt() throws Exception {
    HttpResponse<String> r = get("/shop/java");
    assertEquals(200, r.statusCode());
    assertEquals("hello from Java: GET /shop/java\n", r.body());
  }
}
