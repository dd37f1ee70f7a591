/*
 * proxy-c: a forwarding wasi:http/proxy@0.2.0 component in freestanding C (no
 * libc, no bindings generator; every import declared by hand with its
 * canonical-ABI core signature, as `jco embed --dummy` prints them).
 *
 * Every incoming request is forwarded to an upstream through
 * wasi:http/outgoing-handler, and the upstream's answer is streamed back.
 *
 * Upstream
 *   The request header `x-upstream` (its first value) if present, else the
 *   environment variable `UPSTREAM` (wasi:cli/environment). The value is
 *   `http://AUTHORITY` or `https://AUTHORITY` (scheme in any case, one trailing
 *   `/` allowed, no path, query or fragment), e.g. `http://127.0.0.1:8081`.
 *     - neither set                    -> 500, body "no upstream: ...\n"
 *     - malformed x-upstream           -> 400, body "invalid x-upstream: ...\n"
 *     - malformed UPSTREAM             -> 500, body "invalid UPSTREAM: ...\n"
 *   (an authority the host refuses in set-authority counts as malformed.)
 *   These answers are `content-type: text/plain; charset=utf-8` and carry no
 *   `x-proxy-error` header: nothing was sent upstream.
 *
 * Request options (request headers, first value, decimal milliseconds 0 to
 * 9223372036854, i.e. what fits a u64 of nanoseconds the host accepts):
 *     x-connect-timeout-ms, x-first-byte-timeout-ms, x-between-bytes-timeout-ms
 *   -> request-options connect-timeout / first-byte-timeout /
 *      between-bytes-timeout in nanoseconds. A malformed value -> 400, body
 *      "invalid x-...-ms: expected decimal milliseconds\n". Without any of them
 *      no request-options is passed (the host's defaults apply).
 *
 * Outgoing request
 *   Same method (the `other` string as received) and path-with-query; scheme
 *   and authority from the upstream (the host sets `host` from the authority).
 *   Headers: a clone of the incoming headers minus `host`, `x-upstream`,
 *   `expect` (the container already answered any 100-continue) and the three
 *   timeout headers. Hop-by-hop fields (connection, transfer-encoding, ...) never
 *   reach the guest: the host strips its forbidden names from received fields,
 *   and a `fields.delete` the host refuses (e.g. `forbidden` for `host`) is
 *   ignored. No forwarding headers (via, x-forwarded-*) are added.
 *   Body: forwarded when the request has `content-length` > 0, or has no
 *   `content-length` and its method is not GET, HEAD, DELETE, CONNECT, OPTIONS
 *   or TRACE (then the upstream receives it chunked, with the request's
 *   trailers). Otherwise no body is sent and the incoming one is left unread.
 *
 * Streaming, both ways at once
 *   `outgoing-handler.handle` is called first, before any body byte is copied.
 *   Then one loop moves both bodies with non-blocking stream calls: the request
 *   body goes upstream while the response is awaited and, once the response
 *   head has arrived, while the response body comes back, so an upstream that
 *   answers as it reads (an echo) streams end to end. Each direction moves at
 *   most 4096 bytes at a time through its own fixed buffer: `input-stream.read`
 *   takes what has arrived, `output-stream.check-write` says what the other side
 *   accepts, then `write` + `flush`; when nothing can move, the loop subscribes
 *   to what it waits for (the input, the output, the response future) and
 *   calls `wasi:io/poll.poll`.
 *   - Request body at its end: `incoming-body.finish` -> future-trailers (the
 *     client's trailers, if any) -> `outgoing-body.finish(trailers)`.
 *   - Client body failed, trailers failed, or the upstream stopped accepting:
 *     the outgoing body is dropped unfinished (the host aborts the upstream
 *     request) and the response future decides the answer as below.
 *   - `outgoing-body.finish` reports an error-code (e.g. HTTP-request-body-size:
 *     fewer bytes than the request's content-length) while the response has not
 *     arrived: that error-code is the answer (502 below); the future is dropped.
 *   - Once the response has ended (or failed), whatever the request body still
 *     holds is not forwarded: the exchange is over, the outgoing body is dropped.
 *
 * Answer
 *   - error-code from `handle` or from the response future (or from finish,
 *     above) -> 502 with `x-proxy-error: NAME`, `content-type: text/plain;
 *     charset=utf-8` and the body "NAME\n", where NAME is the case name of the
 *     WIT error-code (connection-refused, DNS-error, connection-timeout,
 *     connection-read-timeout, HTTP-request-denied, TLS-protocol-error, ...).
 *   - a response -> the upstream's status and headers (a clone: every field the
 *     host passes in, content-length included), sent before any body byte; the
 *     body streamed as above; then its trailers (if any) in
 *     `outgoing-body.finish`. If the upstream body or its trailers fail midway,
 *     the response is ended without finish: the host aborts it and the client
 *     sees a broken body. If the client goes away, copying stops the same way.
 *
 * The pumps, the loop and the 502 answers are in ../common-c/forward.h, shared
 * with filter-c.
 *
 * Memory: a bump allocator reset at the start of each request, and two fixed
 * 4096-byte buffers (one per direction) that `read` fills directly, so memory
 * does not grow with body sizes. Resources are dropped children first
 * (streams before their bodies, bodies before their request/response, fields
 * from `headers` before their owner, pollables right after each poll).
 * A request whose headers exceed the host's fields size cap (128 KiB by
 * default) traps in `fields.clone` (the host then answers 500).
 */
#include "../common-c/wasi_http.h"
#include "../common-c/support.h"
#include "../common-c/forward.h"

/* ---- answers of the proxy itself ---- */

static void respond_message(handle_t outparam, int status, const char *a, const uint8_t *b,
                            size_t blen, const char *c) {
  text_t t = text_new(cstrlen(a) + blen + cstrlen(c));
  text_addz(&t, a);
  text_add(&t, b, blen);
  text_addz(&t, c);
  respond_text(outparam, status, NULL, NULL, t.ptr, t.len);
}

/* ---- reading the request ---- */

/* Splits `http[s]://authority[/]`; 0 when malformed. */
static int parse_upstream(bytes_t v, int *https, bytes_t *authority) {
  size_t skip;
  if (starts_with_ci(v.ptr, v.len, "http://")) {
    *https = 0;
    skip = 7;
  } else if (starts_with_ci(v.ptr, v.len, "https://")) {
    *https = 1;
    skip = 8;
  } else {
    return 0;
  }
  authority->ptr = v.ptr + skip;
  authority->len = v.len - skip;
  if (authority->len > 0 && authority->ptr[authority->len - 1] == '/') authority->len--;
  if (authority->len == 0) return 0;
  for (uint32_t i = 0; i < authority->len; i++) {
    uint8_t c = authority->ptr[i];
    if (c == '/' || c == '?' || c == '#' || c <= ' ' || c >= 0x7f) return 0;
  }
  return 1;
}

#define MAX_TIMEOUT_MS 9223372036854ull /* * 1e6 still fits in an s64 */

/* Decimal milliseconds -> nanoseconds; 0 when malformed or out of range. */
static int parse_ms(bytes_t v, uint64_t *ns) {
  if (v.len == 0 || v.len > 13) return 0;
  uint64_t ms = 0;
  for (uint32_t i = 0; i < v.len; i++) {
    if (v.ptr[i] < '0' || v.ptr[i] > '9') return 0;
    ms = ms * 10 + (v.ptr[i] - '0');
  }
  if (ms > MAX_TIMEOUT_MS) return 0;
  *ns = ms * 1000000ull;
  return 1;
}

static const char *const TIMEOUT_HEADERS[3] = {
  "x-connect-timeout-ms", "x-first-byte-timeout-ms", "x-between-bytes-timeout-ms",
};

/* Names never forwarded upstream. */
static const char *const DROPPED_HEADERS[] = {
  "host", "x-upstream", "expect",
  "x-connect-timeout-ms", "x-first-byte-timeout-ms", "x-between-bytes-timeout-ms",
};

/* ---- export: wasi:http/incoming-handler@0.2.0#handle ---- */

__attribute__((export_name("wasi:http/incoming-handler@0.2.0#handle")))
void handle(handle_t request, handle_t outparam) {
  heap_reset(); /* nothing allocated survives a request */

  method_t m;
  incoming_request_method(request, &m);
  option_string_t pq;
  incoming_request_path_with_query(request, &pq);
  handle_t in_headers = incoming_request_headers(request); /* child of request */

  /* The upstream. */
  bytes_t upstream;
  int from_header = first_header(in_headers, "x-upstream", &upstream);
  if (!from_header && !env_lookup("UPSTREAM", &upstream)) {
    fields_drop(in_headers);
    static const char msg[] =
        "no upstream: set the x-upstream request header or the UPSTREAM environment variable\n";
    respond_text(outparam, 500, NULL, NULL, (const uint8_t *)msg, sizeof msg - 1);
    incoming_request_drop(request);
    return;
  }
  const char *source = from_header ? "invalid x-upstream: " : "invalid UPSTREAM: ";
  int bad_status = from_header ? 400 : 500;
  static const char expected[] = " (expected http://host[:port] or https://host[:port])\n";
  int https;
  bytes_t authority;
  if (!parse_upstream(upstream, &https, &authority)) {
    fields_drop(in_headers);
    respond_message(outparam, bad_status, source, upstream.ptr, upstream.len, expected);
    incoming_request_drop(request);
    return;
  }

  /* The request options. */
  uint64_t timeouts[3];
  int has_timeout[3], any_timeout = 0;
  for (int i = 0; i < 3; i++) {
    bytes_t v;
    has_timeout[i] = first_header(in_headers, TIMEOUT_HEADERS[i], &v);
    if (has_timeout[i] && !parse_ms(v, &timeouts[i])) {
      fields_drop(in_headers);
      respond_message(outparam, 400, "invalid ", (const uint8_t *)TIMEOUT_HEADERS[i],
                      cstrlen(TIMEOUT_HEADERS[i]), ": expected decimal milliseconds\n");
      incoming_request_drop(request);
      return;
    }
    any_timeout |= has_timeout[i];
  }

  /* The outgoing request. */
  int send_body = has_body(in_headers, &m);
  handle_t oreq = outgoing_request_for(request, outparam, in_headers, DROPPED_HEADERS,
                                       sizeof DROPPED_HEADERS / sizeof DROPPED_HEADERS[0], &m, &pq);
  if (oreq < 0) return;
  outgoing_request_set_scheme(oreq, 1, https, NULL, 0);
  if (outgoing_request_set_authority(oreq, 1, authority.ptr, authority.len) != 0) {
    outgoing_request_drop(oreq);
    respond_message(outparam, bad_status, source, upstream.ptr, upstream.len, expected);
    incoming_request_drop(request);
    return;
  }
  handle_t options = -1;
  if (any_timeout) {
    options = request_options_new();
    if (has_timeout[0]) request_options_set_connect_timeout(options, 1, timeouts[0]);
    if (has_timeout[1]) request_options_set_first_byte_timeout(options, 1, timeouts[1]);
    if (has_timeout[2]) request_options_set_between_bytes_timeout(options, 1, timeouts[2]);
  }
  send_request(request, outparam, oreq, send_body, options, NULL, NULL);
}
