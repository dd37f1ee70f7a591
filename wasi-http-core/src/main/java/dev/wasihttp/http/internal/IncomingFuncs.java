package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.io.IOException;

/**
 * The request side of {@code wasi:http/types}: {@code incoming-request}, {@code incoming-body} and
 * {@code future-trailers}.
 */
final class IncomingFuncs {
  private IncomingFuncs() {}

  static <T extends HttpState.View> void define(HttpResources r, Definer<T> linker) {
    defineRequest(r, linker);
    defineBody(r, linker);
    defineTrailers(r, linker);
  }

  private static <T extends HttpState.View> void defineRequest(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.incomingRequest, HostIncomingRequest.class, null);
    r.method(
        linker,
        r.incomingRequest,
        "method",
        HostIncomingRequest.class,
        (s, q, args) -> HostIncomingRequest.methodVal(q.method));
    r.method(
        linker,
        r.incomingRequest,
        "path-with-query",
        HostIncomingRequest.class,
        (s, q, args) -> Vals.optionStr(q.pathWithQuery));
    r.method(
        linker,
        r.incomingRequest,
        "scheme",
        HostIncomingRequest.class,
        (s, q, args) -> HostIncomingRequest.schemeVal(q.scheme));
    r.method(
        linker,
        r.incomingRequest,
        "authority",
        HostIncomingRequest.class,
        (s, q, args) -> Vals.optionStr(q.authority));
    r.method(
        linker,
        r.incomingRequest,
        "headers",
        HostIncomingRequest.class,
        (s, q, args) -> s.table.pushChild(r.fields, q.headers, Vals.rep(args.get(0))));
    r.method(
        linker,
        r.incomingRequest,
        "consume",
        HostIncomingRequest.class,
        (s, q, args) -> {
          if (q.consumed) {
            return Val.Result.err(null);
          }
          q.consumed = true;
          return Val.Result.ok(s.table.push(r.incomingBody, new HostIncomingBody(q.body)));
        });
  }

  private static <T extends HttpState.View> void defineBody(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.incomingBody, HostIncomingBody.class, HostIncomingBody::close);
    r.method(
        linker,
        r.incomingBody,
        "stream",
        HostIncomingBody.class,
        (s, b, args) -> {
          if (b.streamTaken) {
            return Val.Result.err(null);
          }
          b.streamTaken = true;
          b.reader.start(s.readers);
          return Val.Result.ok(
              IoResources.pushInputStream(
                  s.wasi, new IncomingBodyStream(b.reader), Vals.rep(args.get(0))));
        });
    linker.func(
        HttpResources.TYPES,
        "[static]incoming-body.finish",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          // Traps while the body's input-stream lives (a child must not outlive its parent).
          HostIncomingBody b = s.table.delete(args.get(0), HostIncomingBody.class);
          if (!b.reader.ended()) {
            b.reader.drain(s.readers); // read on to the trailers, keeping nothing
          }
          return s.table.push(r.futureTrailers, new HostFutureTrailers(b.reader));
        });
  }

  private static <T extends HttpState.View> void defineTrailers(
      HttpResources r, Definer<T> linker) {
    r.resource(linker, r.futureTrailers, HostFutureTrailers.class, null);
    r.method(
        linker,
        r.futureTrailers,
        "subscribe",
        HostFutureTrailers.class,
        (s, t, args) ->
            IoResources.pushPollable(
                s.wasi,
                () -> t.reader.ended() || t.reader.failure() != null,
                Vals.rep(args.get(0))));
    r.method(
        linker,
        r.futureTrailers,
        "get",
        HostFutureTrailers.class,
        (s, t, args) -> {
          if (t.delivered) {
            return Val.Option.some(Val.Result.err(null));
          }
          IOException failure = t.reader.failure();
          if (failure != null) {
            t.delivered = true;
            return Val.Option.some(Val.Result.ok(Val.Result.err(t.reader.errorCode(failure))));
          }
          if (!t.reader.ended()) {
            return Val.Option.none();
          }
          t.delivered = true;
          // Forbidden names are stripped; nothing left means no trailers.
          HostFields trailers = HostFields.received(s.rules, t.reader.trailers());
          Val fields =
              trailers.entries().isEmpty()
                  ? Val.Option.none()
                  : Val.Option.some(s.table.push(r.fields, trailers));
          return Val.Option.some(Val.Result.ok(Val.Result.ok(fields)));
        });
  }
}
