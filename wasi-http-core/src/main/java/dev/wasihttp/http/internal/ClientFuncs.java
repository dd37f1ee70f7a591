package dev.wasihttp.http.internal;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.client.OutgoingHandler;
import dev.wasihttp.http.client.OutgoingRequest;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.internal.IoResources;

/**
 * The client side of {@code wasi:http/types} ({@code outgoing-request}, {@code request-options},
 * {@code future-incoming-response}, {@code incoming-response}) and {@code
 * wasi:http/outgoing-handler}.
 *
 * <p>Requests are built and validated as Wasmtime does; {@code outgoing-handler.handle} checks them
 * ({@link OutgoingChecks}) and hands them to the handler's {@link OutgoingHandler}, which completes
 * the future from its own threads. Without one, every request is answered with {@code
 * HTTP-request-denied} (the error a policy denial gives).
 */
final class ClientFuncs {
  private ClientFuncs() {}

  static <T extends HttpState.View> void define(HttpResources r, Definer<T> linker) {
    defineRequest(r, linker);
    defineOptions(r, linker);
    defineResponses(r, linker);
    linker.func(
        HttpResources.OUTGOING_HANDLER,
        "handle",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          HostOutgoingRequest q = s.table.delete(args.get(0), HostOutgoingRequest.class);
          Val.Option o = (Val.Option) args.get(1);
          HostRequestOptions options =
              o.isSome() ? s.table.delete(o.value(), HostRequestOptions.class) : null;
          if (s.outgoing == null) {
            if (q.body != null) {
              q.body.dropped();
            }
            return Val.Result.err(ErrorCodes.of("HTTP-request-denied"));
          }
          HostFutureIncomingResponse future = new HostFutureIncomingResponse(s.wasi.waker());
          OutgoingRequest request = OutgoingChecks.admit(s, q, options, future);
          if (request != null) {
            s.outgoing.handle(request, future);
          }
          return Val.Result.ok(s.table.push(r.futureIncomingResponse, future));
        });
  }

  private static <T extends HttpState.View> void defineRequest(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.outgoingRequest, HostOutgoingRequest.class, null);
    linker.func(
        HttpResources.TYPES,
        "[constructor]outgoing-request",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          HostFields headers = s.table.delete(args.get(0), HostFields.class);
          headers.freeze();
          return s.table.push(r.outgoingRequest, new HostOutgoingRequest(headers));
        });
    r.method(
        linker,
        r.outgoingRequest,
        "body",
        HostOutgoingRequest.class,
        (s, q, args) -> {
          if (q.bodyTaken) {
            return Val.Result.err(null);
          }
          q.bodyTaken = true;
          Long length = OutgoingFuncs.contentLength(q.headers);
          // Without a handler, bytes are counted against a declared content-length, then dropped.
          q.body =
              s.outgoing == null
                  ? new OutgoingResponseBody(length)
                  : s.outgoing.body(length, s.wasi.waker());
          return Val.Result.ok(s.table.push(r.outgoingBody, new HostOutgoingBody(q.body)));
        });
    r.method(
        linker,
        r.outgoingRequest,
        "method",
        HostOutgoingRequest.class,
        (s, q, args) -> HostIncomingRequest.methodVal(q.method));
    r.method(
        linker,
        r.outgoingRequest,
        "set-method",
        HostOutgoingRequest.class,
        (s, q, args) -> {
          String m = HostIncomingRequest.methodName(args.get(1));
          if (!FieldRules.isValidName(m)) { // a method is a token (RFC 9110 §9.1)
            return Val.Result.err(null);
          }
          q.method = m;
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.outgoingRequest,
        "path-with-query",
        HostOutgoingRequest.class,
        (s, q, args) -> Vals.optionStr(q.pathWithQuery));
    r.method(
        linker,
        r.outgoingRequest,
        "set-path-with-query",
        HostOutgoingRequest.class,
        (s, q, args) -> {
          String p = optionalStr(args.get(1));
          if (p != null && !RequestTargets.isPathWithQuery(p)) {
            return Val.Result.err(null);
          }
          q.pathWithQuery = p;
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.outgoingRequest,
        "scheme",
        HostOutgoingRequest.class,
        (s, q, args) -> HostIncomingRequest.schemeVal(q.scheme));
    r.method(
        linker,
        r.outgoingRequest,
        "set-scheme",
        HostOutgoingRequest.class,
        (s, q, args) -> {
          Val.Option o = (Val.Option) args.get(1);
          String scheme = o.isSome() ? HostIncomingRequest.schemeName(o.value()) : null;
          if (scheme != null && !RequestTargets.isScheme(scheme)) {
            return Val.Result.err(null);
          }
          q.scheme = scheme;
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.outgoingRequest,
        "authority",
        HostOutgoingRequest.class,
        (s, q, args) -> Vals.optionStr(q.authority));
    r.method(
        linker,
        r.outgoingRequest,
        "set-authority",
        HostOutgoingRequest.class,
        (s, q, args) -> {
          String a = optionalStr(args.get(1));
          if (a != null && !RequestTargets.isAuthority(a)) {
            return Val.Result.err(null);
          }
          q.authority = a;
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.outgoingRequest,
        "headers",
        HostOutgoingRequest.class,
        (s, q, args) -> s.table.pushChild(r.fields, q.headers, Vals.rep(args.get(0))));
  }

  private static <T extends HttpState.View> void defineOptions(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.requestOptions, HostRequestOptions.class, null);
    linker.func(
        HttpResources.TYPES,
        "[constructor]request-options",
        (c, args) -> HttpResources.state(c).table.push(r.requestOptions, new HostRequestOptions()));
    r.method(
        linker,
        r.requestOptions,
        "connect-timeout",
        HostRequestOptions.class,
        (s, o, args) -> duration(o.connectTimeout));
    r.method(
        linker,
        r.requestOptions,
        "set-connect-timeout",
        HostRequestOptions.class,
        (s, o, args) -> {
          o.connectTimeout = optionalDuration(args.get(1));
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.requestOptions,
        "first-byte-timeout",
        HostRequestOptions.class,
        (s, o, args) -> duration(o.firstByteTimeout));
    r.method(
        linker,
        r.requestOptions,
        "set-first-byte-timeout",
        HostRequestOptions.class,
        (s, o, args) -> {
          o.firstByteTimeout = optionalDuration(args.get(1));
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.requestOptions,
        "between-bytes-timeout",
        HostRequestOptions.class,
        (s, o, args) -> duration(o.betweenBytesTimeout));
    r.method(
        linker,
        r.requestOptions,
        "set-between-bytes-timeout",
        HostRequestOptions.class,
        (s, o, args) -> {
          o.betweenBytesTimeout = optionalDuration(args.get(1));
          return Val.Result.ok(null);
        });
  }

  private static <T extends HttpState.View> void defineResponses(
      HttpResources r, Definer<T> linker) {
    r.resource(
        linker,
        r.futureIncomingResponse,
        HostFutureIncomingResponse.class,
        HostFutureIncomingResponse::close);
    r.method(
        linker,
        r.futureIncomingResponse,
        "subscribe",
        HostFutureIncomingResponse.class,
        (s, f, args) -> IoResources.pushPollable(s.wasi, f::isDone, Vals.rep(args.get(0))));
    r.method(
        linker,
        r.futureIncomingResponse,
        "get",
        HostFutureIncomingResponse.class,
        (s, f, args) -> {
          if (f.delivered) {
            return Val.Option.some(Val.Result.err(null));
          }
          if (!f.isDone()) {
            return Val.Option.none();
          }
          f.delivered = true;
          Val error = f.error();
          if (error != null) {
            return Val.Option.some(Val.Result.ok(Val.Result.err(error)));
          }
          Val response = s.table.push(r.incomingResponse, f.response(s.rules));
          return Val.Option.some(Val.Result.ok(Val.Result.ok(response)));
        });
    r.resource(linker, r.incomingResponse, HostIncomingResponse.class, HostIncomingResponse::close);
    r.method(
        linker,
        r.incomingResponse,
        "status",
        HostIncomingResponse.class,
        (s, p, args) -> new Val.U16(p.status));
    r.method(
        linker,
        r.incomingResponse,
        "headers",
        HostIncomingResponse.class,
        (s, p, args) -> s.table.pushChild(r.fields, p.headers, Vals.rep(args.get(0))));
    r.method(
        linker,
        r.incomingResponse,
        "consume",
        HostIncomingResponse.class,
        (s, p, args) -> {
          if (p.consumed || p.body == null) {
            return Val.Result.err(null);
          }
          p.consumed = true;
          return Val.Result.ok(s.table.push(r.incomingBody, new HostIncomingBody(p.body)));
        });
  }

  private static String optionalStr(Val v) {
    Val.Option o = (Val.Option) v;
    return o.isSome() ? Vals.str(o.value()) : null;
  }

  private static Val duration(Long nanos) {
    return nanos == null ? Val.Option.none() : Val.Option.some(new Val.U64(nanos));
  }

  private static Long optionalDuration(Val v) {
    Val.Option o = (Val.Option) v;
    if (!o.isSome()) {
      return null;
    }
    long n = Vals.u64(o.value());
    if (n < 0) {
      throw new Trap("duration out of range");
    }
    return n;
  }
}
