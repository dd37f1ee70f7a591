package dev.wasihttp.http.internal;

import dev.wasihttp.component.host.Caller;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.jetty.JettyOutgoingHandler;
import dev.wasihttp.http.proxy.WasiHttpConfig;
import dev.wasihttp.wasi.WasiConfig;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.clocks.internal.ClocksHost;
import dev.wasihttp.wasi.internal.Host;
import dev.wasihttp.wasi.internal.HostFunctions;
import dev.wasihttp.wasi.io.internal.IoHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Calls the wasi:http (and wasi:io) host functions by their WIT names as a guest would, without a
 * guest: one request's data object over an {@link HttpExchange}, and helpers for arguments.
 */
final class HttpHarness implements HttpState.View, Caller<HttpHarness>, AutoCloseable {
  static final String TYPES = HttpResources.TYPES;
  static final String STREAMS = "wasi:io/streams@0.2.12";
  static final String POLL = "wasi:io/poll@0.2.12";
  static final String ERROR = "wasi:io/error@0.2.12";
  static final String MONOTONIC_CLOCK = "wasi:clocks/monotonic-clock@0.2.12";
  static final String HANDLER = HttpResources.OUTGOING_HANDLER;
  static final FieldRules RULES =
      new FieldRules(
          WasiHttpConfig.DEFAULT_FORBIDDEN_HEADERS, WasiHttpConfig.DEFAULT_MAX_FIELD_SIZE);

  private static final HostFunctions<HttpHarness> FUNCTIONS = new HostFunctions<>();
  private static final HttpResources HTTP = new HttpResources();
  private static final ExecutorService READERS =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "harness-body-reader");
            t.setDaemon(true);
            return t;
          });

  static {
    IoHost.define(FUNCTIONS);
    ClocksHost.define(FUNCTIONS);
    HTTP.define(FUNCTIONS);
  }

  final WasiContext wasi;
  final HttpState http;

  HttpHarness(HttpExchange exchange) {
    this(exchange, null);
  }

  /** With {@code outgoing} sending outgoing requests (null: every one is denied). */
  HttpHarness(HttpExchange exchange, Outgoing outgoing) {
    this(exchange, outgoing, MemoryBudget.counting("host memory", null));
  }

  /**
   * With {@code outgoing} sending outgoing requests (null: every one is denied), the host memory
   * held for the guest charged to {@code hostMemory}.
   */
  HttpHarness(HttpExchange exchange, Outgoing outgoing, MemoryBudget hostMemory) {
    this(exchange, outgoing, hostMemory, Long.MAX_VALUE);
  }

  /**
   * {@link #HttpHarness(HttpExchange, Outgoing, MemoryBudget)}, the request body at most {@code
   * maxBody}.
   */
  HttpHarness(HttpExchange exchange, Outgoing outgoing, MemoryBudget hostMemory, long maxBody) {
    this.wasi = new WasiContext(WasiConfig.defaults(), hostMemory);
    this.http =
        new HttpState(
            exchange,
            RULES,
            wasi,
            READERS,
            LogSink.discard(),
            "",
            outgoing == null ? null : outgoing.handler(),
            outgoing == null ? OutboundPolicy.denyAll() : outgoing.policy(),
            maxBody);
  }

  /** An outgoing handler and the policy the host checks requests against before it. */
  record Outgoing(OutgoingHandler handler, OutboundPolicy policy) implements AutoCloseable {
    @Override
    public void close() {
      handler.close();
    }
  }

  /** A Jetty outgoing handler with {@code options} for {@code policy}, logging to {@code log}. */
  static Outgoing jetty(JettyOutgoingHandler.Options options, String policy, LogSink log) {
    OutboundPolicy p = OutboundPolicy.parse(policy);
    return new Outgoing(
        options.create(
            new OutgoingHandler.Context(p, WasiHttpConfig.DEFAULT_MAX_FIELD_SIZE, log, "")),
        p);
  }

  @Override
  public WasiContext wasi() {
    return wasi;
  }

  @Override
  public HttpState http() {
    return http;
  }

  @Override
  public HttpHarness data() {
    return this;
  }

  @Override
  public void close() {
    http.body.stop(1000);
    wasi.close();
  }

  /** The {@code incoming-request} handle {@code handle} gets. */
  Val.Own request() {
    return HTTP.incomingRequest(http);
  }

  /** The {@code response-outparam} handle {@code handle} gets. */
  Val.Own outparam() {
    return HTTP.responseOutparam(http);
  }

  Val call(String iface, String name, Val... args) {
    return FUNCTIONS.call(this, iface, name, args);
  }

  /** Calls {@code [method]RESOURCE.NAME} of {@code wasi:http/types} on {@code self}, borrowed. */
  Val method(String resource, String name, Val self, Val... args) {
    return method(TYPES, resource, name, self, args);
  }

  Val method(String iface, String resource, String name, Val self, Val... args) {
    return FUNCTIONS.method(this, iface, resource, name, self, args);
  }

  /** The guest drops {@code own}. */
  void drop(String iface, String resource, Val own) {
    FUNCTIONS.drop(this, iface, resource, own);
  }

  static Val borrow(Val own) {
    return HostFunctions.borrow(own);
  }

  static Val str(String s) {
    return new Val.Str(s);
  }

  static Val bytes(String s) {
    return Host.list(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  static String text(Val list) {
    return new String(Host.bytes(list), StandardCharsets.ISO_8859_1);
  }

  static Val ok(Val result) {
    Val.Result r = (Val.Result) result;
    if (!r.isOk()) {
      throw new AssertionError("expected ok, got " + result);
    }
    return r.value();
  }

  static Val err(Val result) {
    Val.Result r = (Val.Result) result;
    if (r.isOk()) {
      throw new AssertionError("expected err, got " + result);
    }
    return r.value();
  }

  static Val variant(String caseName) {
    return new Val.Variant(caseName, null);
  }

  /** A mutable {@code fields} built from these entries ({@link #entry}), as a guest does. */
  Val fields(Val... entries) {
    return ok(call(TYPES, "[static]fields.from-list", new Val.ListValue(List.of(entries))));
  }

  static Val entry(String name, String value) {
    return new Val.Tuple(List.of(str(name), bytes(value)));
  }
}
