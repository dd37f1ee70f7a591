package dev.wasihttp.http.internal;

import dev.wasihttp.component.Trap;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.HostPollable;
import dev.wasihttp.wasi.io.WasiIo;

/**
 * The client side of {@code wasi:http/types} ({@code outgoing-request}, {@code request-options},
 * {@code future-incoming-response}, {@code incoming-response}) and {@code
 * wasi:http/outgoing-handler}.
 *
 * <p>Requests are built and validated as Wasmtime does, so components that import the client link
 * and run; <b>sending is not implemented yet</b>: {@code outgoing-handler.handle} answers {@code
 * HTTP-request-denied} for every request (the error a policy denial gives), so guests see a defined
 * failure rather than a trap.
 */
final class ClientFuncs {
  private ClientFuncs() {}

  static void define(HttpResources r, Definer linker) {
    defineRequest(r, linker);
    defineOptions(r, linker);
    defineResponses(r, linker);
    linker.func(
        HttpResources.OUTGOING_HANDLER,
        "handle",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          s.table.delete(args.get(0), HostOutgoingRequest.class);
          Val.Option options = (Val.Option) args.get(1);
          if (options.isSome()) {
            s.table.delete(options.value(), HostRequestOptions.class);
          }
          return Val.Result.err(ErrorCodes.of("HTTP-request-denied"));
        });
  }

  private static void defineRequest(HttpResources r, Definer linker) {
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
          // Bytes are counted against a declared content-length, then dropped with the request.
          HostOutgoingBody body = new HostOutgoingBody(OutgoingFuncs.contentLength(q.headers));
          return Val.Result.ok(s.table.push(r.outgoingBody, body));
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

  private static void defineOptions(HttpResources r, Definer linker) {
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

  private static void defineResponses(HttpResources r, Definer linker) {
    // The outgoing handler creates none of these yet; they are here so components link.
    r.resource(linker, r.futureIncomingResponse, HostFutureIncomingResponse.class, null);
    r.method(
        linker,
        r.futureIncomingResponse,
        "subscribe",
        HostFutureIncomingResponse.class,
        (s, f, args) ->
            WasiIo.pushPollable(s.wasi, HostPollable.alwaysReady(), Vals.rep(args.get(0))));
    r.method(
        linker,
        r.futureIncomingResponse,
        "get",
        HostFutureIncomingResponse.class,
        (s, f, args) -> {
          if (f.delivered) {
            return Val.Option.some(Val.Result.err(null));
          }
          f.delivered = true;
          return Val.Option.some(Val.Result.ok(f.result));
        });
    r.resource(linker, r.incomingResponse, HostIncomingResponse.class, null);
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
