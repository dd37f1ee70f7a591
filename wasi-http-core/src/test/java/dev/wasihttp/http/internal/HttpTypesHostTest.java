package dev.wasihttp.http.internal;

import static dev.wasihttp.http.internal.HttpHarness.ERROR;
import static dev.wasihttp.http.internal.HttpHarness.HANDLER;
import static dev.wasihttp.http.internal.HttpHarness.POLL;
import static dev.wasihttp.http.internal.HttpHarness.STREAMS;
import static dev.wasihttp.http.internal.HttpHarness.TYPES;
import static dev.wasihttp.http.internal.HttpHarness.bytes;
import static dev.wasihttp.http.internal.HttpHarness.entry;
import static dev.wasihttp.http.internal.HttpHarness.err;
import static dev.wasihttp.http.internal.HttpHarness.ok;
import static dev.wasihttp.http.internal.HttpHarness.str;
import static dev.wasihttp.http.internal.HttpHarness.text;
import static dev.wasihttp.http.internal.HttpHarness.variant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wasihttp.component.errors.Trap;
import dev.wasihttp.component.limits.MemoryBudget;
import dev.wasihttp.component.values.Val;
import dev.wasihttp.http.HttpField;
import dev.wasihttp.http.client.ErrorCodes;
import dev.wasihttp.http.proxy.MemoryExchange;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code wasi:http/types} functions called by their WIT names, as a guest calls them. */
class HttpTypesHostTest {
  /** A request by {@code method} to https://example.com:8443/a%20b?x=1, trailers in its calls. */
  static MemoryExchange request(String method) {
    return new MemoryExchange(method, "/a%20b?x=1")
        .scheme("https")
        .authority("example.com:8443")
        .trailersInCalls();
  }

  static List<String> entries(HttpHarness h, Val fields) {
    List<String> out = new ArrayList<>();
    for (Val e : ((Val.ListValue) h.method("fields", "entries", fields)).elements()) {
      List<Val> pair = ((Val.Tuple) e).values();
      out.add(((Val.Str) pair.get(0)).value() + ": " + text(pair.get(1)));
    }
    return out;
  }

  @Test
  void incomingRequestAsTheExchangeDescribesIt() {
    MemoryExchange x = request("PROPFIND");
    x.header("Host", "example.com");
    x.header("Accept", "a");
    x.header("accept", "b");
    x.header("Upgrade", "websocket");
    try (HttpHarness h = new HttpHarness(x)) {
      Val req = h.request();
      assertEquals(
          new Val.Variant("other", str("PROPFIND")), h.method("incoming-request", "method", req));
      assertEquals(Val.Option.some(variant("HTTPS")), h.method("incoming-request", "scheme", req));
      assertEquals(
          Vals.optionStr("example.com:8443"), h.method("incoming-request", "authority", req));
      assertEquals(
          Vals.optionStr("/a%20b?x=1"), h.method("incoming-request", "path-with-query", req));
      Val headers = h.method("incoming-request", "headers", req);
      assertEquals(List.of("Accept: a", "accept: b"), entries(h, headers));
      assertEquals(
          variant("immutable"), err(h.method("fields", "append", headers, str("x"), bytes("1"))));
      Trap t = assertThrows(Trap.class, () -> h.drop(TYPES, "incoming-request", req));
      assertTrue(t.getMessage().contains("resource has children"), t.getMessage());
      h.drop(TYPES, "fields", headers);
      Val body = ok(h.method("incoming-request", "consume", req));
      assertEquals(Val.Result.err(null), h.method("incoming-request", "consume", req), "once");
      h.drop(TYPES, "incoming-request", req);
      h.drop(TYPES, "incoming-body", body);
    }
  }

  @Test
  void bodyStreamThenTrailersOnceThenAnError() {
    MemoryExchange x = request("POST");
    x.body("hello".getBytes());
    x.requestTrailers(
        List.of(HttpField.latin1("x-sum", "42"), HttpField.latin1("Connection", "x")));
    try (HttpHarness h = new HttpHarness(x)) {
      Val body = ok(h.method("incoming-request", "consume", h.request()));
      Val stream = ok(h.method("incoming-body", "stream", body));
      assertEquals(Val.Result.err(null), h.method("incoming-body", "stream", body), "once");
      StringBuilder got = new StringBuilder();
      while (true) {
        Val r = h.method(STREAMS, "input-stream", "blocking-read", stream, new Val.U64(3));
        if (!((Val.Result) r).isOk()) {
          assertEquals(variant("closed"), err(r));
          break;
        }
        got.append(text(ok(r)));
      }
      assertEquals("hello", got.toString());
      Trap t = assertThrows(Trap.class, () -> h.call(TYPES, "[static]incoming-body.finish", body));
      assertTrue(t.getMessage().contains("resource has children"), t.getMessage());
      h.drop(STREAMS, "input-stream", stream);
      Val future = h.call(TYPES, "[static]incoming-body.finish", body);
      Val pollable = h.method("future-trailers", "subscribe", future);
      assertEquals(new Val.Bool(true), h.method(POLL, "pollable", "ready", pollable));
      Val got1 = h.method("future-trailers", "get", future);
      Val fields = ((Val.Option) ok(ok(((Val.Option) got1).value()))).value();
      assertEquals(List.of("x-sum: 42"), entries(h, fields), "forbidden trailers stripped");
      assertEquals(
          Val.Option.some(Val.Result.err(null)), h.method("future-trailers", "get", future));
      assertThrows(Trap.class, () -> h.drop(TYPES, "future-trailers", future));
      h.drop(POLL, "pollable", pollable);
      h.drop(TYPES, "future-trailers", future);
    }
  }

  @Test
  void aBodyPastMaxBodyFailsTheReadWithHttpRequestBodySize() {
    MemoryExchange x = request("POST");
    x.body("0123456789".getBytes());
    try (HttpHarness h = new HttpHarness(x, null, MemoryBudget.counting("m", null), 4)) {
      Val body = ok(h.method("incoming-request", "consume", h.request()));
      Val stream = ok(h.method("incoming-body", "stream", body));
      StringBuilder got = new StringBuilder();
      Val.Variant failed;
      while (true) {
        Val r = h.method(STREAMS, "input-stream", "blocking-read", stream, new Val.U64(3));
        if (!((Val.Result) r).isOk()) {
          failed = (Val.Variant) err(r);
          break;
        }
        got.append(text(ok(r)));
      }
      assertEquals("0123", got.toString(), "the bytes up to the limit");
      assertEquals("last-operation-failed", failed.caseName());
      assertEquals(
          Val.Option.some(ErrorCodes.requestBodySize(10)),
          h.call(TYPES, "http-error-code", HttpHarness.borrow(failed.payload())));
    }
  }

  @Test
  void trailersAreNotReadyUntilTheBodyEnds() throws Exception {
    MemoryExchange x = request("POST");
    PipedOutputStream client = new PipedOutputStream();
    x.body(new PipedInputStream(client));
    try (HttpHarness h = new HttpHarness(x)) {
      Val body = ok(h.method("incoming-request", "consume", h.request()));
      Val future = h.call(TYPES, "[static]incoming-body.finish", body);
      Val pollable = h.method("future-trailers", "subscribe", future);
      assertEquals(new Val.Bool(false), h.method(POLL, "pollable", "ready", pollable));
      assertEquals(Val.Option.none(), h.method("future-trailers", "get", future));
      client.write("ignored".getBytes());
      client.close();
      h.method(POLL, "pollable", "block", pollable);
      Val got = h.method("future-trailers", "get", future);
      assertEquals(Val.Option.some(Val.Result.ok(Val.Result.ok(Val.Option.none()))), got);
    }
  }

  @Test
  void outgoingResponseRules() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      Val fields = h.fields(entry("x-a", "1"));
      assertEquals(
          variant("forbidden"),
          err(
              h.call(
                  TYPES,
                  "[static]fields.from-list",
                  new Val.ListValue(List.of(entry("Host", "h"))))));
      Val resp = h.call(TYPES, "[constructor]outgoing-response", fields);
      for (int bad : new int[] {0, 99, 1000, 65535}) {
        assertEquals(
            Val.Result.err(null),
            h.method("outgoing-response", "set-status-code", resp, new Val.U16(bad)));
      }
      assertEquals(
          Val.Result.ok(null),
          h.method("outgoing-response", "set-status-code", resp, new Val.U16(999)));
      assertEquals(
          Val.Result.ok(null),
          h.method("outgoing-response", "set-status-code", resp, new Val.U16(201)));
      assertEquals(new Val.U16(201), h.method("outgoing-response", "status-code", resp));
      Val headers = h.method("outgoing-response", "headers", resp);
      assertEquals(
          variant("immutable"),
          err(h.method("fields", "set", headers, str("x-a"), new Val.ListValue(List.of()))));
      Val clone = h.method("fields", "clone", headers);
      assertEquals(
          Val.Result.ok(null), h.method("fields", "append", clone, str("x-b"), bytes("2")));
      Val body = ok(h.method("outgoing-response", "body", resp));
      assertEquals(Val.Result.err(null), h.method("outgoing-response", "body", resp), "once");
      assertThrows(
          Trap.class,
          () -> h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp)));
      h.drop(TYPES, "fields", headers);
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp));
      assertEquals(List.of("respond 201"), x.calls);
      Val out = ok(h.method("outgoing-body", "write", body));
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("created"));
      h.drop(STREAMS, "output-stream", out);
      Val trailers = h.call(TYPES, "[constructor]fields");
      h.method("fields", "append", trailers, str("x-t"), bytes("1"));
      assertEquals(
          Val.Result.ok(null),
          h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.some(trailers)));
      assertEquals(List.of("respond 201", "finish [x-t: 1]"), x.calls);
      assertEquals("created", x.body.toString());
    }
  }

  @Test
  void responseHeadersKeepOrderCaseAndDuplicates() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      Val fields = h.call(TYPES, "[constructor]fields");
      h.method("fields", "append", fields, str("Set-Cookie"), bytes("a=1"));
      h.method("fields", "append", fields, str("x-one"), bytes("1"));
      h.method("fields", "append", fields, str("set-cookie"), bytes("b=2"));
      Val resp = h.call(TYPES, "[constructor]outgoing-response", fields);
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp));
      assertEquals(
          List.of(
              HttpField.latin1("Set-Cookie", "a=1"),
              HttpField.latin1("x-one", "1"),
              HttpField.latin1("set-cookie", "b=2")),
          x.headers());
      assertEquals(List.of("respond 200", "finish"), x.calls, "no body asked for: empty");
    }
  }

  @Test
  void contentLengthOverrunFailsTheWriteWithAnHttpErrorCode() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      Val resp =
          h.call(TYPES, "[constructor]outgoing-response", h.fields(entry("content-length", "3")));
      Val body = ok(h.method("outgoing-response", "body", resp));
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp));
      Val out = ok(h.method("outgoing-body", "write", body));
      Val e =
          err(h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("abcd")));
      Val.Variant failed = (Val.Variant) e;
      assertEquals("last-operation-failed", failed.caseName());
      assertEquals(
          Val.Option.some(ErrorCodes.responseBodySize(4)),
          h.call(TYPES, "http-error-code", HttpHarness.borrow(failed.payload())));
      h.drop(ERROR, "error", failed.payload());
      h.drop(STREAMS, "output-stream", out);
      assertEquals(
          ErrorCodes.responseBodySize(4),
          err(h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none())));
      assertEquals(List.of("respond 200", "abort"), x.calls);
    }
  }

  @Test
  void noContentResponsesAreExemptFromTheCountAndSendNoBody() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      Val resp =
          h.call(TYPES, "[constructor]outgoing-response", h.fields(entry("content-length", "10")));
      h.method("outgoing-response", "set-status-code", resp, new Val.U16(204));
      Val body = ok(h.method("outgoing-response", "body", resp));
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp));
      Val out = ok(h.method("outgoing-body", "write", body));
      assertEquals(
          Val.Result.ok(null),
          h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("12345")));
      h.drop(STREAMS, "output-stream", out);
      assertEquals(
          Val.Result.ok(null),
          h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none()));
      assertEquals(List.of("respond 204", "finish"), x.calls);
      assertEquals(0, x.body.size());
    }
  }

  @Test
  void aBodyThatFailedBeforeSetTurnsTheResponseInto500() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      Val resp =
          h.call(TYPES, "[constructor]outgoing-response", h.fields(entry("content-length", "5")));
      Val body = ok(h.method("outgoing-response", "body", resp));
      Val out = ok(h.method("outgoing-body", "write", body));
      h.method(STREAMS, "output-stream", "blocking-write-and-flush", out, bytes("abc"));
      h.drop(STREAMS, "output-stream", out);
      assertEquals(
          ErrorCodes.responseBodySize(3),
          err(h.call(TYPES, "[static]outgoing-body.finish", body, Val.Option.none())));
      h.call(TYPES, "[static]response-outparam.set", h.outparam(), Val.Result.ok(resp));
      assertEquals(List.of("fail 500"), x.calls);
    }
  }

  @Test
  void setErrAnswersAMatchingStatus() {
    MemoryExchange x = request("GET");
    try (HttpHarness h = new HttpHarness(x)) {
      h.call(
          TYPES,
          "[static]response-outparam.set",
          h.outparam(),
          Val.Result.err(variant("HTTP-request-denied")));
      assertEquals(List.of("fail 403"), x.calls);
    }
    assertEquals(502, ErrorCodes.status(variant("connection-refused")));
    assertEquals(504, ErrorCodes.status(variant("connection-read-timeout")));
    assertEquals(500, ErrorCodes.status(ErrorCodes.internal("x")));
  }

  @Test
  void outgoingRequestsAreValidatedThenDenied() {
    try (HttpHarness h = new HttpHarness(request("GET"))) {
      Val req =
          h.call(TYPES, "[constructor]outgoing-request", h.call(TYPES, "[constructor]fields"));
      Val headers = h.method("outgoing-request", "headers", req);
      assertEquals(
          variant("immutable"), err(h.method("fields", "append", headers, str("x"), bytes("1"))));
      h.drop(TYPES, "fields", headers);
      for (String bad : List.of("host:", "host:abc", ":65536", "a b", "[::1")) {
        assertEquals(
            Val.Result.err(null),
            h.method("outgoing-request", "set-authority", req, Val.Option.some(str(bad))),
            bad);
      }
      for (String good : List.of("[::]:443", "example.com", "example.com:80", "127.0.0.1:65535")) {
        assertEquals(
            Val.Result.ok(null),
            h.method("outgoing-request", "set-authority", req, Val.Option.some(str(good))),
            good);
      }
      assertEquals(
          Val.Result.err(null),
          h.method("outgoing-request", "set-method", req, new Val.Variant("other", str("BAD\n"))));
      assertEquals(
          Val.Result.ok(null), h.method("outgoing-request", "set-method", req, variant("post")));
      assertEquals(variant("post"), h.method("outgoing-request", "method", req));
      assertEquals(
          Val.Result.err(null),
          h.method("outgoing-request", "set-path-with-query", req, Val.Option.some(str("/a b"))));
      assertEquals(
          Val.Result.ok(null),
          h.method("outgoing-request", "set-path-with-query", req, Val.Option.some(str("/a?b=c"))));
      assertEquals(
          Val.Result.err(null),
          h.method(
              "outgoing-request",
              "set-scheme",
              req,
              Val.Option.some(new Val.Variant("other", str("1x")))));
      Val options = h.call(TYPES, "[constructor]request-options");
      h.method("request-options", "set-connect-timeout", options, Val.Option.some(new Val.U64(5)));
      assertEquals(
          Val.Option.some(new Val.U64(5)), h.method("request-options", "connect-timeout", options));
      Val headersChild = h.method("outgoing-request", "headers", req);
      h.drop(TYPES, "fields", headersChild);
      assertEquals(
          variant("HTTP-request-denied"),
          err(h.call(HANDLER, "handle", req, Val.Option.some(options))));
    }
  }
}
