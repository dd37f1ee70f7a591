package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.host.WasiHost;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real samples on the product's WASI host: {@code hello-libc} (wasi-libc through the preview1
 * adapter, importing wasi:cli, io, clocks and filesystem at 0.2.3) handles requests end to end, its
 * stdout reaching the configured line sink and its environment changing its answer; {@code
 * hello-js} (componentize-js, 0.2.10) links and instantiates.
 */
class WasiSamplesTest {
  static final Path SAMPLES = Path.of("..", "samples", "components");

  static WasiHttpGlue glue;
  static InstancePre<WasiHttpGlue.Exchange> helloLibc;

  @BeforeAll
  static void link() throws Exception {
    glue = new WasiHttpGlue();
    helloLibc =
        glue.linker.instantiatePre(Component.load(SAMPLES.resolve("hello-libc/hello-libc.wasm")));
  }

  /** A line sink that remembers what it got, as {@code component: line}. */
  static LineSink collect(List<String> lines) {
    return (component, line) -> lines.add(component + ": " + line);
  }

  @Test
  void helloLibcWritesItsStdoutLineToTheSink() throws Exception {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    WasiConfig config =
        WasiConfig.builder().componentName("hello-libc").stdout(collect(out)).build();

    WasiHttpGlue.Exchange x =
        glue.handle(helloLibc, new WasiHttpGlue.Exchange(config, "GET", "/path"));

    assertEquals(200, x.status);
    assertEquals(
        List.of(Map.entry("content-type", "text/plain"), Map.entry("x-wasm-lang", "c")), x.headers);
    assertEquals("hello from C (wasi-libc): GET /path\n", x.body.toString());
    assertTrue(x.finished);
    assertEquals(List.of("hello-libc: handled GET /path"), out);
    assertEquals(0, x.wasi.table().size(), "every resource was dropped or closed");
  }

  @Test
  void greetingFromTheConfiguredEnvironmentChangesTheBody() throws Exception {
    WasiConfig config =
        WasiConfig.builder().env("GREETING", "howdy").stdout(LineSink.discard()).build();

    WasiHttpGlue.Exchange x =
        glue.handle(helloLibc, new WasiHttpGlue.Exchange(config, "PROPFIND", "/dav?x=1"));

    assertEquals("howdy from C (wasi-libc): PROPFIND /dav?x=1\n", x.body.toString());
  }

  @Test
  void aMountedDirectoryIsPreopenedForTheAdapter(@TempDir Path dir) throws Exception {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    WasiConfig config = WasiConfig.builder().directory(dir, "/data").stdout(collect(out)).build();

    WasiHttpGlue.Exchange x = glue.handle(helloLibc, new WasiHttpGlue.Exchange(config, "GET", "/"));

    assertEquals("hello from C (wasi-libc): GET /\n", x.body.toString());
    assertEquals(List.of("component: handled GET /"), out);
  }

  @Test
  void echoStreamsTheRequestBodyThroughTheWasiStreams() throws Exception {
    byte[] body = new byte[50_000];
    new Random(7).nextBytes(body);
    WasiHttpGlue.Exchange request =
        new WasiHttpGlue.Exchange(
            WasiConfig.builder().stdout(LineSink.discard()).build(), "POST", "/echo");
    request.requestBody = body;

    WasiHttpGlue.Exchange x = glue.handle(helloLibc, request);

    assertArrayEquals(body, x.body.toByteArray());
    assertTrue(x.finished);
  }

  @Test
  void aTrapLeavesTheSinkUntouchedAndTheNextRequestWorks() throws Exception {
    List<String> out = Collections.synchronizedList(new ArrayList<>());
    WasiConfig config = WasiConfig.builder().stdout(collect(out)).build();

    assertThrows(
        Trap.class,
        () -> glue.handle(helloLibc, new WasiHttpGlue.Exchange(config, "GET", "/trap")));
    glue.handle(helloLibc, new WasiHttpGlue.Exchange(config, "GET", "/ok"));

    assertEquals(List.of("component: handled GET /ok"), out);
  }

  @Test
  void helloJsLinksAgainstTheWasiHostAndInstantiates() throws Exception {
    Component js = Component.load(SAMPLES.resolve("hello-js/hello-js.wasm"));
    // wasi:http is not part of the WASI host yet: only its imports are left to trap.
    InstancePre<WasiView> pre =
        WasiHost.addToLinker(new Linker<WasiView>()).trapUnknownImports(true).instantiatePre(js);
    try (WasiContext wasi = new WasiContext(WasiConfig.defaults())) {
      WasiView data = () -> wasi;
      ComponentInstance<WasiView> instance = pre.instantiate(data);
      assertNotNull(instance.func("wasi:http/incoming-handler@0.2.10", "handle"));
    }
  }
}
