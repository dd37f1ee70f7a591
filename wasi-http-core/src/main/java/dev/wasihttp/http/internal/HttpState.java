package dev.wasihttp.http.internal;

import dev.wasihttp.http.GuardedExchange;
import dev.wasihttp.http.HttpExchange;
import dev.wasihttp.http.LogSink;
import dev.wasihttp.http.client.OutboundPolicy;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.wasi.WasiContext;
import dev.wasihttp.wasi.WasiView;
import java.util.concurrent.ExecutorService;

/**
 * One request's wasi:http state, the http half of the instance's data object (the other half is the
 * {@link WasiContext}, whose resource table and waker it shares): the exchange (guarded) and the
 * request body reader. Dropped with the instance when the request ends. Used by the request's
 * thread (the body reader fills its buffer on its own thread and wakes the instance's waker).
 */
public final class HttpState {
  final FieldRules rules;
  final WasiContext wasi;
  final HttpTable table;
  final GuardedExchange exchange;
  final IncomingBodyReader body;
  final ExecutorService readers;
  final OutgoingHandler outgoing;
  final OutboundPolicy policy;
  final LogSink log;
  final String tag;

  public HttpState(
      HttpExchange exchange,
      FieldRules rules,
      WasiContext wasi,
      ExecutorService readers,
      LogSink log,
      String tag) {
    this(exchange, rules, wasi, readers, log, tag, null, OutboundPolicy.denyAll(), Long.MAX_VALUE);
  }

  /**
   * With {@code outgoing} sending the guest's outgoing requests that {@code policy} allows (null:
   * all are denied), and a request body of at most {@code maxBody} bytes (past it the guest's read
   * fails with {@code HTTP-request-body-size}).
   */
  public HttpState(
      HttpExchange exchange,
      FieldRules rules,
      WasiContext wasi,
      ExecutorService readers,
      LogSink log,
      String tag,
      OutgoingHandler outgoing,
      OutboundPolicy policy,
      long maxBody) {
    this.outgoing = outgoing;
    this.policy = policy;
    this.log = log;
    this.tag = tag;
    this.rules = rules;
    this.wasi = wasi;
    this.table = new HttpTable(wasi.table());
    this.readers = readers;
    this.exchange = GuardedExchange.of(exchange, log, tag);
    this.body = new IncomingBodyReader(exchange, IncomingBodyReader.DEFAULT_CAPACITY, maxBody);
    this.body.addListener(wasi.waker()::wake);
  }

  /** The exchange, guarded: every response call goes through it. */
  public GuardedExchange exchange() {
    return exchange;
  }

  public IncomingBodyReader body() {
    return body;
  }

  /**
   * What the data of an instance linked against the wasi:http host is: its WASI state and its
   * wasi:http state, so every host function reaches both without a cast.
   */
  public interface View extends WasiView {
    HttpState http();
  }
}
