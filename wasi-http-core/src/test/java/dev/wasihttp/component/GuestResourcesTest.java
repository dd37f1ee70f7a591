package dev.wasihttp.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.HostFault;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.HostFunction;
import dev.wasihttp.component.host.ResourceDestructor;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.internal.FieldRules;
import dev.wasihttp.http.internal.HostIncomingRequest;
import dev.wasihttp.http.internal.HostResponseOutparam;
import dev.wasihttp.http.internal.HttpResources;
import dev.wasihttp.http.internal.HttpState;
import dev.wasihttp.http.proxy.MemoryExchange;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.wasi.LineSink;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.host.WasiHost;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.internal.IoHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the runtime does with the resource handles real guests pass, on instances linked by hand
 * against the product's wasi:io and wasi:http hosts: every resource handed to the guest comes back,
 * dropped (the runtime runs the host's destructor) or handed to the host as an owning argument; a
 * trapped instance drops nothing; a host function that fails unwinds the guest. For {@code hello-c}
 * the registrations are wrapped to keep that book per request ({@link #keepingTheBook}).
 */
class GuestResourcesTest {
  static final Path SAMPLES = Path.of("..", "samples", "components");
  static final FieldRules RULES =
      new FieldRules(
          WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS, WasiHttpConfig.DEFAULT_MAX_FIELD_SIZE);
  static final HttpResources HTTP = new HttpResources();

  static ExecutorService readers;
  static InstancePre<Request> helloC;
  static InstancePre<Request> helloLibc;

  @BeforeAll
  static void link() throws Exception {
    readers = Executors.newCachedThreadPool();
    // hello-c imports only wasi:io and wasi:http: both registered through the book.
    Linker<Request> recorded = new Linker<>();
    Definer<Request> book = keepingTheBook(Definer.of(recorded));
    IoHost.define(book);
    HTTP.define(book);
    helloC = recorded.instantiatePre(Component.load(SAMPLES.resolve("hello-c/hello-c.wasm")));

    Linker<Request> linker = WasiHost.addToLinker(new Linker<>());
    HTTP.define(linker);
    helloLibc =
        linker.instantiatePre(Component.load(SAMPLES.resolve("hello-libc/hello-libc.wasm")));
  }

  @AfterAll
  static void stop() {
    readers.shutdownNow();
  }

  /** One request's instance data: the hosts' state, and the book of what the guest gave back. */
  static final class Request implements HttpState.View, AutoCloseable {
    final WasiContext wasi =
        new WasiContext(WasiConfig.builder().stdout(LineSink.discard()).build());
    final HttpState http;

    /** Resources the guest dropped, by name, in drop order. */
    final List<String> dropped = new ArrayList<>();

    /** Resources the guest handed to the host as owning arguments, by name, in order. */
    final List<String> kept = new ArrayList<>();

    Val.Own request;
    Val.Own outparam;

    Request(MemoryExchange exchange) {
      this.http = new HttpState(exchange, RULES, wasi, readers, LogSink.discard(), "");
    }

    @Override
    public WasiContext wasi() {
      return wasi;
    }

    @Override
    public HttpState http() {
      return http;
    }

    /** Calls {@code incoming-handler.handle} on a fresh instance of {@code pre}. */
    Request handle(InstancePre<Request> pre) throws ComponentException {
      ComponentInstance<Request> instance = pre.instantiate(this);
      request = HTTP.incomingRequest(http);
      outparam = HTTP.responseOutparam(http);
      instance.func(HttpResources.INCOMING_HANDLER, "handle").call(request, outparam);
      return this;
    }

    @Override
    public void close() {
      http.body().stop(1000);
      wasi.close();
    }
  }

  /** Registers through {@code linker}, noting in the request's book every drop and handover. */
  static Definer<Request> keepingTheBook(Definer<Request> linker) {
    return new Definer<>() {
      @Override
      public void func(String iface, String name, HostFunction<Request> function) {
        linker.func(
            iface,
            name,
            (caller, args) -> {
              args.forEach(a -> owned(a, caller.data().kept));
              return function.call(caller, args);
            });
      }

      @Override
      public void resource(
          String iface, String name, ResourceType type, ResourceDestructor<Request> destructor) {
        linker.resource(
            iface,
            name,
            type,
            (caller, rep) -> {
              caller.data().dropped.add(name);
              if (destructor != null) {
                destructor.drop(caller, rep);
              }
            });
      }
    };
  }

  /** Adds the resource of every owning handle in {@code v} (inside results and options too). */
  private static void owned(Val v, List<String> out) {
    if (v instanceof Val.Own own) {
      out.add(own.type().name());
    } else if (v instanceof Val.Result result && result.value() != null) {
      owned(result.value(), out);
    } else if (v instanceof Val.Option option && option.isSome()) {
      owned(option.value(), out);
    }
  }

  @Test
  void everyResourceGivenToTheGuestIsDroppedOrHandedBack() throws Exception {
    try (Request hello = new Request(new MemoryExchange("GET", "/")).handle(helloC);
        Request echo =
            new Request(new MemoryExchange("POST", "/echo").body(randomBytes(10_000)))
                .handle(helloC)) {
      assertEquals(List.of("output-stream", "incoming-request"), hello.dropped);
      assertEquals(
          List.of("fields", "response-outparam", "outgoing-response", "outgoing-body"), hello.kept);
      assertEquals(0, hello.wasi.table().size(), "the guest owns nothing any more");

      assertEquals(
          List.of("input-stream", "incoming-body", "output-stream", "incoming-request"),
          echo.dropped);
      assertEquals(hello.kept, echo.kept);
      assertEquals(0, echo.wasi.table().size());
    }
  }

  @Test
  void aTrappedInstanceDropsNothing() {
    try (Request r = new Request(new MemoryExchange("GET", "/trap?now"))) {
      Trap t = assertThrows(Trap.class, () -> r.handle(helloC));
      assertTrue(t.reason().contains("unreachable"), t.reason());
      assertEquals(List.of(), r.dropped);
      assertEquals(List.of(), r.kept);
      // Its handles die with it: what handle got is still the guest's, for the context to close.
      assertEquals(2, r.wasi.table().size());
      assertNotNull(r.wasi.table().get(r.request, HostIncomingRequest.class));
      assertNotNull(r.wasi.table().get(r.outparam, HostResponseOutparam.class));
    }
  }

  @Test
  void theErrorOfAFailedWriteIsDroppedToo() throws Exception {
    MemoryExchange clientGone =
        new MemoryExchange("POST", "/echo")
            .body(randomBytes(100 * 1024))
            .writesFailAfter(5000, new IOException("client went away"));
    try (Request r = new Request(clientGone).handle(helloC)) {
      assertEquals(
          List.of("error", "input-stream", "incoming-body", "output-stream", "incoming-request"),
          r.dropped);
      assertEquals(0, r.wasi.table().size());
    }
  }

  @Test
  void aHostFunctionThatFailsMidEchoUnwindsTheGuest() {
    MemoryExchange broken =
        new MemoryExchange("POST", "/echo")
            .body(randomBytes(5000))
            .writesFailAfter(0, new IllegalStateException("container bug"));
    try (Request r = new Request(broken)) {
      HostFault f = assertThrows(HostFault.class, () -> r.handle(helloC));
      assertInstanceOf(IllegalStateException.class, f.getCause());
      // The response was set (its fields, outparam and response handed over), its body never
      // finished: the guest stopped at its first write.
      assertEquals(List.of("fields", "response-outparam", "outgoing-response"), r.kept);
    }
  }

  @Test
  void helloLibcDropsOrClosesEveryResource() throws Exception {
    try (Request r = new Request(new MemoryExchange("GET", "/path")).handle(helloLibc)) {
      // The preview1 adapter keeps its stdin, stdout and stderr streams for the instance's life
      // and drops everything else; closing the context closes those three.
      assertEquals(3, r.wasi.table().size());
      r.close();
      assertEquals(0, r.wasi.table().size(), "every resource was dropped or closed");
    }
  }

  private static byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    new Random(n).nextBytes(b);
    return b;
  }
}
