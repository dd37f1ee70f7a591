package dev.wasihttp.http.internal;

import dev.wasihttp.component.Linker;
import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.types.ResourceType;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.util.List;
import java.util.function.Consumer;

/**
 * The {@code wasi:http/types} host: its resource types (one set per handler) and the registration
 * of every function, grouped by resource in {@link FieldsFuncs}, {@link IncomingFuncs}, {@link
 * OutgoingFuncs} and {@link ClientFuncs}. Thread-safe once defined; the per-request state is the
 * instance data's {@link HttpState}.
 */
public final class HttpResources {
  /** The version registered; components importing any 0.2.x link (semver matching). */
  public static final String VERSION = "0.2.12";

  public static final String TYPES = "wasi:http/types@" + VERSION;
  public static final String OUTGOING_HANDLER = "wasi:http/outgoing-handler@" + VERSION;
  public static final String INCOMING_HANDLER = "wasi:http/incoming-handler@" + VERSION;

  /** The prefix of every incoming-handler export the host can call. */
  public static final String INCOMING_HANDLER_0_2 = "wasi:http/incoming-handler@0.2.";

  final ResourceType fields = ResourceType.host("fields");
  final ResourceType incomingRequest = ResourceType.host("incoming-request");
  final ResourceType outgoingRequest = ResourceType.host("outgoing-request");
  final ResourceType requestOptions = ResourceType.host("request-options");
  final ResourceType responseOutparam = ResourceType.host("response-outparam");
  final ResourceType incomingResponse = ResourceType.host("incoming-response");
  final ResourceType incomingBody = ResourceType.host("incoming-body");
  final ResourceType futureTrailers = ResourceType.host("future-trailers");
  final ResourceType outgoingResponse = ResourceType.host("outgoing-response");
  final ResourceType outgoingBody = ResourceType.host("outgoing-body");
  final ResourceType futureIncomingResponse = ResourceType.host("future-incoming-response");

  /** A set of resource types for one handler's linker. */
  public HttpResources() {}

  /** Registers {@code wasi:http/types} and {@code wasi:http/outgoing-handler} on {@code linker}. */
  public <T extends HttpState.View> void define(Linker<T> linker) {
    define(Definer.of(linker));
  }

  /** Registers every function and resource through {@code linker} (a map, in tests). */
  public <T extends HttpState.View> void define(Definer<T> linker) {
    FieldsFuncs.define(this, linker);
    IncomingFuncs.define(this, linker);
    OutgoingFuncs.define(this, linker);
    ClientFuncs.define(this, linker);
    linker.func(
        TYPES,
        "http-error-code",
        (c, args) -> {
          Object detail = IoResources.error(state(c).wasi, args.get(0)).detail();
          return detail instanceof Val.Variant ? Val.Option.some((Val) detail) : Val.Option.none();
        });
  }

  /**
   * The {@code incoming-request} handed to {@code incoming-handler.handle}: the request of {@code
   * s}'s exchange, its fields as received under {@code s}'s rules (forbidden names stripped), its
   * body read by {@code s}'s reader.
   */
  public Val.Own incomingRequest(HttpState s) {
    HttpExchange exchange = s.exchange;
    return s.table.push(
        incomingRequest,
        new HostIncomingRequest(
            exchange.method(),
            exchange.scheme(),
            exchange.authority(),
            exchange.pathWithQuery(),
            HostFields.received(s.rules, exchange.requestHeaders()),
            s.body));
  }

  /** The response-outparam handed to {@code incoming-handler.handle}. */
  public Val.Own responseOutparam(HttpState s) {
    return s.table.push(responseOutparam, new HostResponseOutparam());
  }

  // ---- registration helpers ----

  /** A method body: the request state, {@code self}'s state and all the arguments. */
  @FunctionalInterface
  interface Method<S> {
    Val call(HttpState s, S self, List<Val> args);
  }

  /** Registers {@code [method]RESOURCE.NAME}, looking up {@code self} first. */
  <T extends HttpState.View, S> void method(
      Definer<T> linker, ResourceType type, String name, Class<S> state, Method<S> body) {
    linker.func(
        TYPES,
        "[method]" + type.name() + "." + name,
        (c, args) -> {
          HttpState s = state(c);
          return body.call(s, s.table.get(args.get(0), state), args);
        });
  }

  /** Registers the resource with a destructor that deletes the entry, then runs {@code then}. */
  <T extends HttpState.View, S> void resource(
      Definer<T> linker, ResourceType type, Class<S> state, Consumer<S> then) {
    linker.resource(
        TYPES,
        type.name(),
        type,
        (c, rep) -> {
          S dropped = state(c).table.delete(rep, state); // traps while children live
          if (then != null) {
            then.accept(dropped);
          }
        });
  }

  static HttpState state(Caller<? extends HttpState.View> c) {
    return c.data().http();
  }
}
