package dev.wasihttp.http.internal;

import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.wasi.internal.Definer;
import dev.wasihttp.wasi.io.internal.IoResources;
import java.io.IOException;
import java.util.List;

/**
 * The response side of {@code wasi:http/types}: {@code outgoing-response}, {@code outgoing-body}
 * and {@code response-outparam}.
 */
final class OutgoingFuncs {
  private OutgoingFuncs() {}

  static <T extends HttpState.View> void define(HttpResources r, Definer<T> linker) {
    defineResponse(r, linker);
    defineBody(r, linker);
    defineOutparam(r, linker);
  }

  private static <T extends HttpState.View> void defineResponse(
      HttpResources r, Definer<T> linker) {
    r.resource(linker, r.outgoingResponse, HostOutgoingResponse.class, null);
    linker.func(
        HttpResources.TYPES,
        "[constructor]outgoing-response",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          HostFields headers = s.table.delete(args.get(0), HostFields.class);
          headers.freeze(); // handed over: immutable from now on
          return s.table.push(r.outgoingResponse, new HostOutgoingResponse(headers));
        });
    r.method(
        linker,
        r.outgoingResponse,
        "status-code",
        HostOutgoingResponse.class,
        (s, o, args) -> new Val.U16(o.status));
    r.method(
        linker,
        r.outgoingResponse,
        "set-status-code",
        HostOutgoingResponse.class,
        (s, o, args) -> {
          int status = Vals.u16(args.get(1));
          if (status < 100 || status > 999) {
            return Val.Result.err(null);
          }
          o.status = status;
          return Val.Result.ok(null);
        });
    r.method(
        linker,
        r.outgoingResponse,
        "headers",
        HostOutgoingResponse.class,
        (s, o, args) -> s.table.pushChild(r.fields, o.headers, Vals.rep(args.get(0))));
    r.method(
        linker,
        r.outgoingResponse,
        "body",
        HostOutgoingResponse.class,
        (s, o, args) -> {
          if (o.bodyTaken) {
            return Val.Result.err(null);
          }
          o.bodyTaken = true;
          o.body =
              new OutgoingResponseBody(
                  contentLength(o.headers), () -> o.bodyExempt(s.exchange.method()));
          return Val.Result.ok(s.table.push(r.outgoingBody, new HostOutgoingBody(o.body)));
        });
  }

  /** The declared {@code content-length}, or null (none, or too large to count). */
  static Long contentLength(HostFields headers) {
    String v = headers.first("content-length");
    if (v == null) {
      return null;
    }
    try {
      return Long.parseLong(v); // fields hold only digits here
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static <T extends HttpState.View> void defineBody(HttpResources r, Definer<T> linker) {
    r.resource(linker, r.outgoingBody, HostOutgoingBody.class, HostOutgoingBody::dropped);
    r.method(
        linker,
        r.outgoingBody,
        "write",
        HostOutgoingBody.class,
        (s, b, args) -> {
          if (!b.takeStream()) {
            return Val.Result.err(null);
          }
          return Val.Result.ok(
              IoResources.pushOutputStream(
                  s.wasi,
                  new OutgoingBodyStream(b.body, s.wasi.table(), Vals.rep(args.get(0))),
                  Vals.rep(args.get(0))));
        });
    linker.func(
        HttpResources.TYPES,
        "[static]outgoing-body.finish",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          // Traps while the body's output-stream lives (a child must not outlive its parent).
          HostOutgoingBody b = s.table.delete(args.get(0), HostOutgoingBody.class);
          Val.Option trailers = (Val.Option) args.get(1);
          HostFields t = null;
          if (trailers.isSome()) {
            t = s.table.delete(trailers.value(), HostFields.class);
            t.freeze();
          }
          Val error = b.body.finish(t == null ? List.of() : t.toHttpFields());
          return error == null ? Val.Result.ok(null) : Val.Result.err(error);
        });
  }

  private static <T extends HttpState.View> void defineOutparam(
      HttpResources r, Definer<T> linker) {
    r.resource(linker, r.responseOutparam, HostResponseOutparam.class, null);
    r.method(
        linker,
        r.responseOutparam,
        "send-informational",
        HostResponseOutparam.class,
        (s, p, args) -> {
          s.table.delete(args.get(2), HostFields.class);
          // Unstable in 0.2; the WIT says to answer internal-error when unsupported.
          return Val.Result.err(ErrorCodes.internal("informational responses are not supported"));
        });
    linker.func(
        HttpResources.TYPES,
        "[static]response-outparam.set",
        (c, args) -> {
          HttpState s = HttpResources.state(c);
          s.table.delete(args.get(0), HostResponseOutparam.class);
          Val.Result result = (Val.Result) args.get(1);
          if (!result.isOk()) {
            s.exchange.fail(
                ErrorCodes.status(result.value()),
                "the guest set error-code " + describe(result.value()));
            return null;
          }
          set(s, s.table.delete(result.value(), HostOutgoingResponse.class));
          return null;
        });
  }

  private static void set(HttpState s, HostOutgoingResponse o) {
    OutgoingResponseBody body = o.body;
    String failed = body == null ? null : body.failedBeforeSet();
    if (failed != null) {
      s.exchange.fail(500, "before setting its response: " + failed);
      return;
    }
    boolean exempt = o.bodyExempt(s.exchange.method());
    try {
      s.exchange.respond(o.status, o.headers.toHttpFields());
    } catch (IOException e) {
      // The client went away: the exchange noted it; the guest's writes now fail quietly.
    }
    if (body != null) {
      body.attach(s.exchange, exempt, s.wasi.waker(), s.body::awaitsContinue);
      return;
    }
    // The guest never asked for a body: an empty one.
    Long length = contentLength(o.headers);
    if (!exempt && length != null && length != 0) {
      s.exchange.abort("response without a body declares content-length " + length);
    } else {
      try {
        s.exchange.finish(List.of());
      } catch (IOException e) {
        // The client went away: the exchange aborted the response.
      }
    }
  }

  static String describe(Val code) {
    if (code instanceof Val.Variant v) {
      return v.payload() == null ? v.caseName() : v.caseName() + "(" + v.payload() + ")";
    }
    return String.valueOf(code);
  }
}
