package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.host.ResourceTable;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import dev.wasihttp.wasi.host.WasiHost;
import dev.wasihttp.wasi.io.HostInputStream;
import dev.wasihttp.wasi.io.HostOutputStream;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Test scaffolding: the few {@code wasi:http/types@0.2.0} functions the {@code hello-libc} sample
 * imports, written on the product's WASI host ({@link WasiHost}) the way the real wasi:http host
 * plugs in: its state lives in the instance's {@link WasiContext} table, its bodies are {@link
 * HostInputStream} and {@link HostOutputStream} handed out with {@link IoResources}, and a body's
 * stream is the body's child. Not the product's wasi:http host.
 */
final class WasiHttpGlue {
  static final String TYPES = "wasi:http/types@0.2.0";
  static final String HANDLER = "wasi:http/incoming-handler@0.2.0";

  final ResourceType fields = ResourceType.host("fields");
  final ResourceType incomingRequest = ResourceType.host("incoming-request");
  final ResourceType incomingBody = ResourceType.host("incoming-body");
  final ResourceType outgoingResponse = ResourceType.host("outgoing-response");
  final ResourceType outgoingBody = ResourceType.host("outgoing-body");
  final ResourceType responseOutparam = ResourceType.host("response-outparam");

  /** One request and the instance's data object: the WASI state plus what the guest answered. */
  static final class Exchange implements WasiView {
    final WasiContext wasi;
    final String method;
    final String path;
    byte[] requestBody = new byte[0];
    int status;
    final List<Map.Entry<String, String>> headers = new ArrayList<>();
    final ByteArrayOutputStream body = new ByteArrayOutputStream();
    boolean finished;

    Exchange(WasiConfig config, String method, String path) {
      this.wasi = new WasiContext(config);
      this.method = method;
      this.path = path;
    }

    @Override
    public WasiContext wasi() {
      return wasi;
    }
  }

  private static final class Fields {
    final List<Map.Entry<String, String>> entries = new ArrayList<>();
  }

  private static final class Request {
    boolean consumed;
  }

  private static final class Response {
    final Fields headers;
    int status = 200;

    Response(Fields headers) {
      this.headers = headers;
    }
  }

  private static final class Body {}

  private static final class Outparam {}

  /** A response body collected in memory: grants 4096 bytes at a time. */
  private static final class BytesOutput implements HostOutputStream {
    private final ByteArrayOutputStream out;

    BytesOutput(ByteArrayOutputStream out) {
      this.out = out;
    }

    @Override
    public long checkWrite() {
      return 4096;
    }

    @Override
    public void write(byte[] bytes) {
      out.writeBytes(bytes);
    }

    @Override
    public void flush() {}

    @Override
    public boolean ready() {
      return true;
    }
  }

  final Linker<Exchange> linker = WasiHost.addToLinker(new Linker<>());

  WasiHttpGlue() {
    drop("fields", fields, Fields.class);
    drop("incoming-request", incomingRequest, Request.class);
    drop("incoming-body", incomingBody, Body.class);
    drop("outgoing-response", outgoingResponse, Response.class);
    drop("outgoing-body", outgoingBody, Body.class);
    drop("response-outparam", responseOutparam, Outparam.class);

    linker.func(TYPES, "[constructor]fields", (c, a) -> push(c, fields, new Fields()));
    linker.func(
        TYPES,
        "[method]fields.append",
        (c, a) -> {
          String value = new String(bytes(a.get(2)), StandardCharsets.ISO_8859_1);
          table(c).get(a.get(0), Fields.class).entries.add(Map.entry(str(a.get(1)), value));
          return Val.Result.ok(null);
        });
    linker.func(
        TYPES,
        "[method]incoming-request.method",
        (c, a) -> {
          String m = x(c).method;
          return List.of("GET", "HEAD", "POST", "PUT", "DELETE").contains(m)
              ? new Val.Variant(m.toLowerCase(Locale.ROOT), null)
              : new Val.Variant("other", new Val.Str(m));
        });
    linker.func(
        TYPES,
        "[method]incoming-request.path-with-query",
        (c, a) -> Val.Option.some(new Val.Str(x(c).path)));
    linker.func(
        TYPES,
        "[method]incoming-request.consume",
        (c, a) -> {
          Request r = table(c).get(a.get(0), Request.class);
          if (r.consumed) {
            return Val.Result.err(null);
          }
          r.consumed = true;
          return Val.Result.ok(push(c, incomingBody, new Body()));
        });
    linker.func(
        TYPES,
        "[method]incoming-body.stream",
        (c, a) ->
            Val.Result.ok(
                IoResources.pushInputStream(
                    x(c).wasi, HostInputStream.of(x(c).requestBody), ResourceTable.rep(a.get(0)))));
    linker.func(
        TYPES,
        "[constructor]outgoing-response",
        (c, a) -> {
          Fields h = table(c).delete(a.get(0), Fields.class);
          return push(c, outgoingResponse, new Response(h));
        });
    linker.func(
        TYPES,
        "[method]outgoing-response.set-status-code",
        (c, a) -> {
          table(c).get(a.get(0), Response.class).status = ((Val.U16) a.get(1)).value();
          return Val.Result.ok(null);
        });
    linker.func(
        TYPES,
        "[method]outgoing-response.body",
        (c, a) -> Val.Result.ok(push(c, outgoingBody, new Body())));
    linker.func(
        TYPES,
        "[method]outgoing-body.write",
        (c, a) ->
            Val.Result.ok(
                IoResources.pushOutputStream(
                    x(c).wasi, new BytesOutput(x(c).body), ResourceTable.rep(a.get(0)))));
    linker.func(
        TYPES,
        "[static]outgoing-body.finish",
        (c, a) -> {
          table(c).delete(a.get(0), Body.class); // traps while its stream lives
          x(c).finished = true;
          return Val.Result.ok(null);
        });
    linker.func(
        TYPES,
        "[static]response-outparam.set",
        (c, a) -> {
          table(c).delete(a.get(0), Outparam.class);
          Response r = table(c).delete(((Val.Result) a.get(1)).value(), Response.class);
          x(c).status = r.status;
          x(c).headers.addAll(r.headers.entries);
          return null;
        });
  }

  /** Runs {@code handle(request, response-out)} on a fresh instance; closes the WASI state. */
  Exchange handle(InstancePre<Exchange> pre, Exchange x) throws ComponentException {
    try (WasiContext wasi = x.wasi) {
      ComponentInstance<Exchange> instance = pre.instantiate(x);
      instance
          .func(HANDLER, "handle")
          .call(
              push(wasi, incomingRequest, new Request()),
              push(wasi, responseOutparam, new Outparam()));
    }
    return x;
  }

  private void drop(String name, ResourceType type, Class<?> state) {
    linker.resource(TYPES, name, type, (c, rep) -> table(c).delete(rep, state));
  }

  private static Exchange x(Caller<Exchange> c) {
    return c.data();
  }

  private static ResourceTable table(Caller<Exchange> c) {
    return x(c).wasi.table();
  }

  private static Val.Own push(Caller<Exchange> c, ResourceType type, Object state) {
    return push(x(c).wasi, type, state);
  }

  private static Val.Own push(WasiContext wasi, ResourceType type, Object state) {
    return new Val.Own(type, wasi.table().push(state));
  }

  private static String str(Val v) {
    return ((Val.Str) v).value();
  }

  private static byte[] bytes(Val list) {
    List<Val> elements = ((Val.List) list).elements();
    byte[] out = new byte[elements.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (byte) ((Val.U8) elements.get(i)).value();
    }
    return out;
  }
}
