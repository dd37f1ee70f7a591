package dev.wasihttp.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.EngineMode;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.proxy.WasiHttpHandler;
import dev.wasihttp.servlet.internal.reload.ComponentWatcher.Outcome;
import dev.wasihttp.servlet.internal.reload.ReloadingHandler;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading: the watched file's changes, once settled, swap the component; a file that does not
 * load leaves the serving version; a request in flight finishes on its version, which closes after
 * it. The polls are the test's own, so each step is deterministic. The {@link ReloadingHandler}
 * (package {@code internal.reload}) is made as the servlet makes it, by {@link ComponentHandlers}
 * from the servlet's options, so its loader reads, decodes and links as the servlet does.
 */
@Timeout(120)
class ReloadTest {
  static final Path HELLO_C = ComponentHandlersTest.HELLO_C;
  static final Path HELLO_LIBC = Path.of("../samples/components/hello-libc/hello-libc.wasm");

  /** hello-c's answer to {@code GET /x}: version "c". */
  static final String C = "hello from C: GET /x\n";

  /** hello-libc's answer: version "libc". */
  static final String LIBC = "hello from C (wasi-libc): GET /x\n";

  final List<String> log = Collections.synchronizedList(new ArrayList<>());
  final LogSink sink = (level, line) -> log.add(level + " " + line);

  @TempDir Path dir;

  WasiHttpServletOptions options(Path file, EngineMode engine) {
    return WasiHttpServletOptions.builder()
        .component(file.toString())
        .componentName("app")
        .reload(true)
        .engine(WasiHttpServletOptions.engineOptions(engine, dir.resolve("cache").toString()))
        .build();
  }

  ReloadingHandler open(Path source) throws Exception {
    return open(source, EngineMode.INTERPRETER, sink);
  }

  ReloadingHandler open(Path source, EngineMode engine, LogSink log) throws Exception {
    Path file = dir.resolve("app.wasm");
    Files.copy(source, file);
    return ComponentHandlers.openReloading(file, options(file, engine), null, log);
  }

  static String get(ReloadingHandler handler) {
    RecordingExchange exchange = RecordingExchange.get("/x");
    handler.handle(exchange);
    assertEquals(200, exchange.status, exchange.ending);
    assertEquals("finish", exchange.ending);
    return exchange.text();
  }

  /** Replaces the file as a build tool that writes elsewhere and moves would. */
  void replace(Path file, byte[] bytes) throws IOException {
    Path tmp = Files.write(dir.resolve("next.tmp"), bytes);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void aChangeIsLoadedOnceItSettlesAndEveryRequestAfterTheSwapRunsIt() throws Exception {
    try (ReloadingHandler handler = open(HELLO_C)) {
      Path file = handler.watcher().file();
      assertEquals(C, get(handler));
      assertEquals(Outcome.UNCHANGED, handler.watcher().poll());

      replace(file, Files.readAllBytes(HELLO_LIBC));
      assertEquals(Outcome.CHANGING, handler.watcher().poll(), "seen once: perhaps half written");
      assertEquals(C, get(handler));
      assertEquals(Outcome.RELOADED, handler.watcher().poll(), "the same twice: settled");
      assertLogged("INFO [app] reloaded from " + file + " (version 2)");
      assertEquals(LIBC, get(handler));
      assertEquals(2, handler.version());
      assertEquals(1, handler.reloads());

      replace(file, Files.readAllBytes(HELLO_C));
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(C, get(handler));
      assertLogged("INFO [app] reloaded from " + file + " (version 3)");

      // The counters are the servlet's, across versions: four requests, all 2xx.
      assertEquals(4, handler.metrics().requests());
      assertEquals(4, handler.metrics().requests2xx());
      awaitOpenVersions(handler, 1); // the replaced versions, idle, are closed
      assertEquals(4, handler.metrics().requests(), "what closed versions counted stays");
    }
  }

  @Test
  void aHalfWrittenFileIsReadOnlyOnceItStopsChanging() throws Exception {
    try (ReloadingHandler handler = open(HELLO_C)) {
      Path file = handler.watcher().file();
      byte[] next = Files.readAllBytes(HELLO_LIBC);
      int half = next.length / 2;
      Files.write(file, Arrays.copyOf(next, half)); // in place, as a slow copy writes
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      Files.write(file, Arrays.copyOfRange(next, half, next.length), StandardOpenOption.APPEND);
      assertEquals(Outcome.CHANGING, handler.watcher().poll(), "still growing: not read yet");
      assertEquals(C, get(handler));
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(LIBC, get(handler));
      assertEquals(0, handler.failedReloads());
      assertTrue(log.stream().noneMatch(l -> l.startsWith("WARN")), log::toString);
    }
  }

  @Test
  void aFileThatDoesNotLoadLeavesTheServingVersionUntilAGoodOneComes() throws Exception {
    try (ReloadingHandler handler = open(HELLO_C)) {
      Path file = handler.watcher().file();
      byte[] next = Files.readAllBytes(HELLO_LIBC);
      replace(file, Arrays.copyOf(next, next.length - 1000)); // truncated
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      assertEquals(Outcome.FAILED, handler.watcher().poll());
      String warning = last();
      assertTrue(
          warning.startsWith(
              "WARN [app] not reloaded from "
                  + file
                  + " (still serving version 1): component app ("
                  + file
                  + ") failed to load: malformed component at byte "),
          warning);
      assertEquals(C, get(handler));
      assertEquals(Outcome.UNCHANGED, handler.watcher().poll(), "tried once per change");
      assertEquals(1, handler.failedReloads());

      replace(file, next);
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(LIBC, get(handler));
      assertLogged("INFO [app] reloaded from " + file + " (version 2)");
    }
  }

  @Test
  void theSameBytesAreNotLoadedAgainAndAVanishedFileIsSaidOnce() throws Exception {
    try (ReloadingHandler handler = open(HELLO_C)) {
      Path file = handler.watcher().file();
      Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60))); // touch
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      assertEquals(Outcome.SAME_BYTES, handler.watcher().poll());
      assertEquals(1, handler.version());

      Files.delete(file);
      assertEquals(Outcome.UNREADABLE, handler.watcher().poll());
      assertEquals(Outcome.UNREADABLE, handler.watcher().poll());
      assertEquals(
          1, log.stream().filter(l -> l.contains("reload: cannot read " + file)).count(), "once");
      assertEquals(C, get(handler));
      replace(file, Files.readAllBytes(HELLO_LIBC));
      assertEquals(Outcome.CHANGING, handler.watcher().poll());
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(LIBC, get(handler));
    }
  }

  @Test
  void aRequestInFlightFinishesOnItsVersionWhichClosesAfterIt() throws Exception {
    try (ReloadingHandler handler = open(HELLO_C)) {
      // hello-c's /echo answers at once and streams the body back: a body that waits for the test
      // keeps the request on version 1 across the swap.
      CountDownLatch rest = new CountDownLatch(1);
      InputStream body =
          new SequenceInputStream(
              new ByteArrayInputStream("first ".getBytes(StandardCharsets.UTF_8)),
              new InputStream() {
                private boolean done;

                @Override
                public int read() throws IOException {
                  try {
                    rest.await();
                  } catch (InterruptedException e) {
                    throw new IOException(e);
                  }
                  if (done) {
                    return -1;
                  }
                  done = true;
                  return '!';
                }
              });
      RecordingExchange echo = new RecordingExchange("POST", "/echo", body);
      Thread request = new Thread(() -> handler.handle(echo));
      request.start();
      assertTrue(echo.responded.await(60, TimeUnit.SECONDS));

      replace(handler.watcher().file(), Files.readAllBytes(HELLO_LIBC));
      handler.watcher().poll();
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(LIBC, get(handler), "a request after the swap runs version 2");
      assertEquals(2, handler.openVersions(), "version 1 still has a request");

      rest.countDown();
      request.join(60_000);
      assertEquals(200, echo.status);
      assertEquals("finish", echo.ending, "ended cleanly on version 1, never 503 nor aborted");
      assertEquals("first !", echo.text());
      awaitOpenVersions(handler, 1);
      assertEquals(2, handler.metrics().requests2xx());
    }
  }

  /**
   * Each loaded version has class loaders of its own for its compiled code (Chicory's compiler
   * makes one per core module, and a reloading servlet shares no decoded component through the
   * JVM's cache): once a replaced version is closed, nothing holds them, and the collector unloads
   * its classes. The loaders are found on the guest's stack when hello-libc prints its line.
   */
  @Test
  void aReplacedVersionsCompiledClassesCanBeUnloaded() throws Exception {
    List<WeakReference<ClassLoader>> loaders = Collections.synchronizedList(new ArrayList<>());
    LogSink walking =
        (level, line) -> {
          sink.log(level, line);
          if (line.contains("handled GET")) {
            StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
                .forEach(
                    frame -> {
                      ClassLoader l = frame.getDeclaringClass().getClassLoader();
                      if (l != null
                          && l.getClass().getSimpleName().equals("WasmClassLoader")
                          && loaders.stream().noneMatch(r -> r.get() == l)) {
                        loaders.add(new WeakReference<>(l));
                      }
                    });
          }
        };
    try (ReloadingHandler handler = open(HELLO_LIBC, EngineMode.COMPILER, walking)) {
      assertEquals(LIBC, get(handler));
      int found = loaders.size();
      assertTrue(found > 0, "the guest's compiled code is on its stack when it prints");

      replace(handler.watcher().file(), Files.readAllBytes(HELLO_C));
      handler.watcher().poll();
      assertEquals(Outcome.RELOADED, handler.watcher().poll());
      assertEquals(C, get(handler));
      awaitOpenVersions(handler, 1);

      // Bounded: each round asks for a collection and makes some garbage; none is timed.
      for (int round = 0; round < 100 && loaders.stream().anyMatch(r -> r.get() != null); round++) {
        System.gc();
        byte[][] garbage = new byte[16][];
        for (int i = 0; i < garbage.length; i++) {
          garbage[i] = new byte[1 << 20];
        }
        Thread.sleep(10);
      }
      assertEquals(
          0,
          loaders.stream().filter(r -> r.get() != null).count(),
          "class loaders of version 1 still reachable, of " + found);
      assertEquals(C, get(handler), "version 2 serves on");
    }
  }

  @Test
  void onlyAComponentThatIsAFileIsWatched() throws Exception {
    Path file = dir.resolve("app.wasm");
    Files.copy(HELLO_C, file);
    ServletContext unpacked = context(file.toString(), null);
    var watched =
        ComponentHandlers.loadReloading(
            WasiHttpServletOptions.builder()
                .component("/WEB-INF/app.wasm")
                .reload(true)
                .engine(WasiHttpServletOptions.engineOptions(EngineMode.INTERPRETER, null))
                .build(),
            unpacked,
            sink);
    try (ReloadingHandler handler = assertInstanceOf(ReloadingHandler.class, watched)) {
      assertEquals(file, handler.watcher().file());
      assertTrue(
          log.contains(
              "INFO [app] reload: watching "
                  + file
                  + " every 1000 ms (development mode:"
                  + " each change is loaded anew)"),
          log::toString);
    }
    log.clear();
    var packed =
        ComponentHandlers.loadReloading(
            WasiHttpServletOptions.builder()
                .component("/WEB-INF/app.wasm")
                .reload(true)
                .engine(WasiHttpServletOptions.engineOptions(EngineMode.INTERPRETER, null))
                .build(),
            context(null, Files.readAllBytes(file)),
            sink);
    try (WasiHttpHandler handler = assertInstanceOf(WasiHttpHandler.class, packed)) {
      assertEquals(
          List.of(
              "WARN [app] reload: cannot watch /WEB-INF/app.wasm: the container keeps the web"
                  + " application's files nowhere on disk (getRealPath); not reloading"),
          log);
    }
    log.clear();
    // A class-path resource is no file: said, then loaded as without reload (here: there is none).
    assertThrows(
        ServletException.class,
        () ->
            ComponentHandlers.loadReloading(
                WasiHttpServletOptions.builder()
                    .component("classpath:app.wasm")
                    .reload(true)
                    .build(),
                null,
                sink));
    assertEquals(
        "WARN [app] reload: cannot watch classpath:app.wasm: a class-path resource is no file of"
            + " its own; not reloading",
        log.get(0));
  }

  /**
   * The servlet with {@code reload} on: its thread polls the file, its counters (JMX and {@code
   * metrics()}) count the reload, and {@code destroy()} stops the thread and the counters.
   */
  @Test
  void aReloadingServletPollsOnItsOwnThreadUntilDestroyed() throws Exception {
    Path file = dir.resolve("app.wasm");
    Files.copy(HELLO_C, file);
    Map<String, String> params =
        Map.of(
            "component", file.toString(),
            "reload", "true",
            "reloadInterval", "50ms",
            "engine", "interpreter");
    ServletContext context =
        (ServletContext)
            Proxy.newProxyInstance(
                ReloadTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("log")) {
                    log.add((String) args[0]);
                  }
                  return method.getName().equals("getContextPath") ? "/reload-test" : null;
                });
    ServletConfig config =
        (ServletConfig)
            Proxy.newProxyInstance(
                ReloadTest.class.getClassLoader(),
                new Class<?>[] {ServletConfig.class},
                (proxy, method, args) ->
                    switch (method.getName()) {
                      case "getServletContext" -> context;
                      case "getServletName" -> "dev";
                      case "getInitParameterNames" -> Collections.enumeration(params.keySet());
                      case "getInitParameter" -> params.get((String) args[0]);
                      default -> null;
                    });
    ObjectName mbean = ServletMBean.name("/reload-test", "dev");
    MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
    WasiHttpServlet servlet = new WasiHttpServlet();
    servlet.init(config);
    try {
      assertEquals(0, servlet.metrics().requests());
      assertEquals(0L, jmx.getAttribute(mbean, "Reloads"));
      // Interpreted, every core function of the version serving: hello-c's 17, then hello-libc's.
      assertEquals(17L, jmx.getAttribute(mbean, "InterpretedFunctions"));
      replace(file, Files.readAllBytes(HELLO_LIBC));
      String line = "[app] reloaded from " + file + " (version 2)";
      for (int i = 0; i < 3000 && !log.contains(line); i++) {
        Thread.sleep(10);
      }
      assertLogged(line);
      assertEquals(1L, jmx.getAttribute(mbean, "Reloads"));
      assertEquals(0L, jmx.getAttribute(mbean, "FailedReloads"));
      assertEquals(142L, jmx.getAttribute(mbean, "InterpretedFunctions"));
      assertEquals(142, servlet.interpretedFunctionCount());
    } finally {
      servlet.destroy();
    }
    assertFalse(jmx.isRegistered(mbean));
    for (int i = 0; i < 3000 && reloadThreadAlive(); i++) {
      Thread.sleep(10);
    }
    assertFalse(reloadThreadAlive(), "destroy() stopped the reload thread");
  }

  private static boolean reloadThreadAlive() {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.getName().equals("wasi-http-reload-app"));
  }

  /**
   * A web application whose {@code /WEB-INF/app.wasm} is {@code realPath} on disk, or (null) only a
   * resource of {@code bytes}.
   */
  static ServletContext context(String realPath, byte[] bytes) {
    return (ServletContext)
        Proxy.newProxyInstance(
            ReloadTest.class.getClassLoader(),
            new Class<?>[] {ServletContext.class},
            (proxy, method, args) -> {
              if (args == null || !"/WEB-INF/app.wasm".equals(args[0])) {
                return null;
              }
              return switch (method.getName()) {
                case "getRealPath" -> realPath;
                case "getResourceAsStream" -> new ByteArrayInputStream(bytes);
                default -> null;
              };
            });
  }

  String last() {
    return log.get(log.size() - 1);
  }

  void assertLogged(String line) {
    assertTrue(log.contains(line), () -> line + " not in " + log);
  }

  /** Waits (bounded) for the replaced versions to be closed, which happens off the test thread. */
  static void awaitOpenVersions(ReloadingHandler handler, int n) throws InterruptedException {
    for (int i = 0; i < 6000 && handler.openVersions() != n; i++) {
      Thread.sleep(10);
    }
    assertEquals(n, handler.openVersions());
  }
}
