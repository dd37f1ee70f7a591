package dev.wasihttp.component;

import dev.wasihttp.component.errors.ComponentException;
import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A test host for {@code wasi:http/proxy@0.2.0} components: exactly the functions and resources the
 * {@code hello-c} sample imports from {@code wasi:http/types}, {@code wasi:io/streams} and {@code
 * wasi:io/error}, over an in-memory {@link TestExchange}. Scaffolding for the runtime's tests, not
 * the product's wasi:http host; where it enforces a rule, it follows Wasmtime.
 */
final class TestHttpHost {
  static final String TYPES = "wasi:http/types@0.2.0";
  static final String STREAMS = "wasi:io/streams@0.2.0";
  static final String ERROR = "wasi:io/error@0.2.0";
  static final String HANDLER = "wasi:http/incoming-handler@0.2.0";

  /** Wasmtime's limit on one {@code blocking-write-and-flush}. */
  static final int MAX_BLOCKING_WRITE = 4096;

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  final ResourceType fields = ResourceType.host("fields");
  final ResourceType incomingRequest = ResourceType.host("incoming-request");
  final ResourceType incomingBody = ResourceType.host("incoming-body");
  final ResourceType outgoingResponse = ResourceType.host("outgoing-response");
  final ResourceType outgoingBody = ResourceType.host("outgoing-body");
  final ResourceType responseOutparam = ResourceType.host("response-outparam");
  final ResourceType inputStream = ResourceType.host("input-stream");
  final ResourceType outputStream = ResourceType.host("output-stream");
  final ResourceType error = ResourceType.host("error");

  // ---- host state, one class per resource ----

  static final class HostFields {
    final List<Map.Entry<String, byte[]>> entries = new ArrayList<>();
    boolean immutable;
  }

  static final class HostIncomingRequest {
    boolean consumed;
  }

  static final class HostIncomingBody {
    boolean streamTaken;
    boolean streamLive;
  }

  static final class HostInputStream {
    final HostIncomingBody body;
    int position;

    HostInputStream(HostIncomingBody body) {
      this.body = body;
    }
  }

  static final class HostOutgoingResponse {
    final HostFields headers;
    int status = 200;
    boolean bodyTaken;

    HostOutgoingResponse(HostFields headers) {
      this.headers = headers;
    }
  }

  static final class HostOutgoingBody {
    boolean streamTaken;
    boolean streamLive;
  }

  static final class HostOutputStream {
    final HostOutgoingBody body;

    HostOutputStream(HostOutgoingBody body) {
      this.body = body;
    }
  }

  static final class HostResponseOutparam {}

  static final class HostError {
    final String message;

    HostError(String message) {
      this.message = message;
    }
  }

  /** A method of a resource: the exchange, {@code self}'s state and all the arguments. */
  @FunctionalInterface
  private interface Method<T> {
    Val call(TestExchange x, T self, List<Val> args);
  }

  private final Linker<TestExchange> linker = new Linker<>();
  private final int maxBlockingWrite;

  /** A host with Wasmtime's {@link #MAX_BLOCKING_WRITE}. */
  TestHttpHost() {
    this(MAX_BLOCKING_WRITE);
  }

  /** A host whose {@code blocking-write-and-flush} traps above {@code maxBlockingWrite} bytes. */
  TestHttpHost(int maxBlockingWrite) {
    this.maxBlockingWrite = maxBlockingWrite;
    defineTypes();
    defineStreams();
    linker.resource(ERROR, "error", error, (c, rep) -> x(c).drop(rep, error, HostError.class));
  }

  /** Links {@code component} against this host. */
  InstancePre<TestExchange> instantiatePre(Component component) throws ComponentException {
    return linker.instantiatePre(component);
  }

  /**
   * Runs one request: a fresh instance whose data is {@code x}, then {@code handle(request,
   * response-out)}. What the guest answered is in {@code x}.
   *
   * @throws Trap when the guest traps
   */
  void handle(InstancePre<TestExchange> pre, TestExchange x) throws ComponentException {
    ComponentInstance<TestExchange> instance = pre.instantiate(x);
    Func handle = instance.func(HANDLER, "handle");
    handle.call(
        x.give(incomingRequest, new HostIncomingRequest()),
        x.give(responseOutparam, new HostResponseOutparam()));
  }

  private void defineTypes() {
    linker.resource(TYPES, "fields", fields, (c, rep) -> x(c).drop(rep, fields, HostFields.class));
    linker.func(TYPES, "[constructor]fields", (c, args) -> x(c).give(fields, new HostFields()));
    method(
        TYPES,
        fields,
        "append",
        HostFields.class,
        (x, f, args) -> {
          String name = ((Val.Str) args.get(1)).value();
          if (!TOKEN.matcher(name).matches()) {
            return Val.Result.err(new Val.Variant("invalid-syntax", null));
          }
          if (f.immutable) {
            return Val.Result.err(new Val.Variant("immutable", null));
          }
          f.entries.add(Map.entry(name, bytes(args.get(2))));
          return Val.Result.ok(null);
        });

    linker.resource(
        TYPES,
        "incoming-request",
        incomingRequest,
        (c, rep) -> x(c).drop(rep, incomingRequest, HostIncomingRequest.class));
    method(
        TYPES, incomingRequest, "method", HostIncomingRequest.class, (x, r, args) -> x.methodVal());
    method(
        TYPES,
        incomingRequest,
        "path-with-query",
        HostIncomingRequest.class,
        (x, r, args) -> Val.Option.some(new Val.Str(x.pathWithQuery)));
    method(
        TYPES,
        incomingRequest,
        "consume",
        HostIncomingRequest.class,
        (x, r, args) -> {
          if (r.consumed) {
            return Val.Result.err(null);
          }
          r.consumed = true;
          return Val.Result.ok(x.give(incomingBody, new HostIncomingBody()));
        });

    linker.resource(
        TYPES,
        "incoming-body",
        incomingBody,
        (c, rep) -> {
          HostIncomingBody b = x(c).drop(rep, incomingBody, HostIncomingBody.class);
          if (b.streamLive) {
            throw new Trap("resource has children: incoming-body dropped before its input-stream");
          }
        });
    method(
        TYPES,
        incomingBody,
        "stream",
        HostIncomingBody.class,
        (x, b, args) -> {
          if (b.streamTaken) {
            return Val.Result.err(null);
          }
          b.streamTaken = true;
          b.streamLive = true;
          return Val.Result.ok(x.give(inputStream, new HostInputStream(b)));
        });

    linker.resource(
        TYPES,
        "outgoing-response",
        outgoingResponse,
        (c, rep) -> x(c).drop(rep, outgoingResponse, HostOutgoingResponse.class));
    linker.func(
        TYPES,
        "[constructor]outgoing-response",
        (c, args) -> {
          HostFields headers = x(c).take(args.get(0), fields, HostFields.class);
          headers.immutable = true; // the fields freeze when handed over
          return x(c).give(outgoingResponse, new HostOutgoingResponse(headers));
        });
    method(
        TYPES,
        outgoingResponse,
        "set-status-code",
        HostOutgoingResponse.class,
        (x, r, args) -> {
          int status = ((Val.U16) args.get(1)).value();
          if (status < 100 || status > 999) {
            return Val.Result.err(null);
          }
          r.status = status;
          return Val.Result.ok(null);
        });
    method(
        TYPES,
        outgoingResponse,
        "body",
        HostOutgoingResponse.class,
        (x, r, args) -> {
          if (r.bodyTaken) {
            return Val.Result.err(null);
          }
          r.bodyTaken = true;
          return Val.Result.ok(x.give(outgoingBody, new HostOutgoingBody()));
        });

    linker.resource(
        TYPES,
        "outgoing-body",
        outgoingBody,
        (c, rep) -> x(c).drop(rep, outgoingBody, HostOutgoingBody.class));
    method(
        TYPES,
        outgoingBody,
        "write",
        HostOutgoingBody.class,
        (x, b, args) -> {
          if (b.streamTaken) {
            return Val.Result.err(null);
          }
          b.streamTaken = true;
          b.streamLive = true;
          return Val.Result.ok(x.give(outputStream, new HostOutputStream(b)));
        });
    linker.func(
        TYPES,
        "[static]outgoing-body.finish",
        (c, args) -> {
          TestExchange x = x(c);
          HostOutgoingBody b = x.take(args.get(0), outgoingBody, HostOutgoingBody.class);
          if (b.streamLive) {
            throw new Trap(
                "resource has children: outgoing-body finished before its output-stream");
          }
          Val.Option trailers = (Val.Option) args.get(1);
          if (trailers.isSome()) {
            x.take(trailers.value(), fields, HostFields.class);
          }
          x.finished = true;
          x.events.add("finish");
          return Val.Result.ok(null);
        });

    linker.resource(
        TYPES,
        "response-outparam",
        responseOutparam,
        (c, rep) -> x(c).drop(rep, responseOutparam, HostResponseOutparam.class));
    linker.func(
        TYPES,
        "[static]response-outparam.set",
        (c, args) -> {
          TestExchange x = x(c);
          x.take(args.get(0), responseOutparam, HostResponseOutparam.class);
          Val.Result response = (Val.Result) args.get(1);
          if (!response.isOk()) {
            x.events.add("set-err " + response.value());
            return null;
          }
          HostOutgoingResponse r =
              x.take(response.value(), outgoingResponse, HostOutgoingResponse.class);
          x.responseSet = true;
          x.status = r.status;
          for (Map.Entry<String, byte[]> e : r.headers.entries) {
            String value = new String(e.getValue(), StandardCharsets.ISO_8859_1);
            x.headers.add(Map.entry(e.getKey(), value));
          }
          x.events.add("set");
          return null;
        });
  }

  private void defineStreams() {
    linker.resource(
        STREAMS,
        "input-stream",
        inputStream,
        (c, rep) -> {
          x(c).drop(rep, inputStream, HostInputStream.class).body.streamLive = false;
        });
    method(
        STREAMS,
        inputStream,
        "blocking-read",
        HostInputStream.class,
        (x, in, args) -> {
          long len = ((Val.U64) args.get(1)).value();
          int remaining = x.requestBody.length - in.position;
          if (remaining == 0 && len > 0) {
            x.events.add("read-closed");
            return Val.Result.err(new Val.Variant("closed", null));
          }
          int n = Math.min(remaining, x.readChunk);
          if (Long.compareUnsigned(len, n) < 0) {
            n = (int) len; // len is a u64: compare unsigned
          }
          List<Val> out = new ArrayList<>(n);
          for (int i = 0; i < n; i++) {
            out.add(new Val.U8(x.requestBody[in.position + i] & 0xff));
          }
          in.position += n;
          x.events.add("read " + n);
          return Val.Result.ok(new Val.List(out));
        });

    linker.resource(
        STREAMS,
        "output-stream",
        outputStream,
        (c, rep) -> {
          x(c).drop(rep, outputStream, HostOutputStream.class).body.streamLive = false;
        });
    method(
        STREAMS,
        outputStream,
        "blocking-write-and-flush",
        HostOutputStream.class,
        (x, out, args) -> {
          byte[] contents = bytes(args.get(1));
          if (contents.length > maxBlockingWrite) {
            throw new Trap(
                "Buffer too large for blocking-write-and-flush (expected at most "
                    + maxBlockingWrite
                    + ")");
          }
          if (x.body.size() + contents.length > x.clientGoneAfter) {
            x.events.add("write-failed");
            return Val.Result.err(
                new Val.Variant(
                    "last-operation-failed", x.give(error, new HostError("client went away"))));
          }
          x.body.writeBytes(contents);
          x.events.add("write " + contents.length);
          return Val.Result.ok(null);
        });
  }

  /** Registers {@code [method]RESOURCE.NAME}, looking up {@code self} first. */
  private <T> void method(
      String iface, ResourceType type, String name, Class<T> state, Method<T> body) {
    linker.func(
        iface,
        "[method]" + type.name() + "." + name,
        (c, args) -> {
          TestExchange x = x(c);
          return body.call(x, x.borrow(args.get(0), type, state), args);
        });
  }

  private static TestExchange x(Caller<TestExchange> caller) {
    return caller.data();
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
