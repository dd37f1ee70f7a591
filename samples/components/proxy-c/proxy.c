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

/* ---- streams ---- */

/* Writes everything in pieces of at most CHUNK bytes. 0 when the stream failed
   or was closed (the peer went away). */
static int write_all(handle_t out, const uint8_t *buf, size_t len) {
  while (len > 0) {
    uint32_t n = len > CHUNK ? CHUNK : (uint32_t)len;
    result_stream_t r;
    output_stream_blocking_write_and_flush(out, buf, n, &r);
    if (r.is_err) {
      if (r.err.tag == 0) io_error_drop(r.err.error);
      return 0;
    }
    buf += n;
    len -= n;
  }
  return 1;
}

/* A pump moves one body: `in` (child of the incoming-body `ibody`) to `out`
   (child of the outgoing-body `obody`), one chunk of at most CHUNK bytes at a
   time through its own buffer, with non-blocking calls: `read` takes what has
   arrived, `check-write` says what the other side accepts now, and when neither
   can move the caller polls the pollable named by `need`. */
enum { NEED_NOTHING, NEED_IN, NEED_OUT };
enum { PUMP_MORE, PUMP_EOF, PUMP_IN_FAILED, PUMP_OUT_FAILED, PUMP_FINISH_FAILED };

typedef struct {
  int active;
  handle_t in, out, ibody, obody;
  const uint8_t *data; /* pending bytes, in buf */
  uint32_t len;
  int need;
  _Alignas(8) uint8_t buf[CHUNK];
} pump_t;

static void drop_stream_error(const stream_error_t *e) {
  if (e->tag == 0) io_error_drop(e->error);
}

/* One step; sets *progress when bytes moved. */
static int pump_step(pump_t *p, int *progress) {
  p->need = NEED_NOTHING;
  if (p->len == 0) {
    result_bytes_t r;
    arena = p->buf;
    arena_cap = CHUNK;
    input_stream_read(p->in, CHUNK, &r);
    arena = NULL;
    if (r.is_err) {
      if (r.u.err.tag == 0) {
        drop_stream_error(&r.u.err);
        return PUMP_IN_FAILED;
      }
      return PUMP_EOF;
    }
    if (r.u.ok.len == 0) {
      p->need = NEED_IN;
      return PUMP_MORE;
    }
    if (r.u.ok.ptr != p->buf) /* the host allocated elsewhere: keep a copy */
      for (uint32_t i = 0; i < r.u.ok.len; i++) p->buf[i] = r.u.ok.ptr[i];
    p->data = p->buf;
    p->len = r.u.ok.len;
    *progress = 1;
  }
  ret_area_t c;
  output_stream_check_write(p->out, &c);
  if (RET_U8(c, 0)) {
    if (RET_U8(c, 8) == 0) io_error_drop(RET_I32(c, 12));
    return PUMP_OUT_FAILED;
  }
  uint64_t granted = *(uint64_t *)&c.b[8];
  if (granted == 0) {
    p->need = NEED_OUT;
    return PUMP_MORE;
  }
  uint32_t n = granted < p->len ? (uint32_t)granted : p->len;
  result_stream_t w;
  output_stream_write(p->out, p->data, n, &w);
  if (!w.is_err) output_stream_flush(p->out, &w); /* the bytes go on now */
  if (w.is_err) {
    drop_stream_error(&w.err);
    return PUMP_OUT_FAILED;
  }
  p->data += n;
  p->len -= n;
  *progress = 1;
  return PUMP_MORE;
}

/* Subscribes to what the pump waits for; returns the pollable or -1. */
static handle_t pump_pollable(const pump_t *p) {
  if (!p->active) return -1;
  if (p->need == NEED_IN) return input_stream_subscribe(p->in);
  if (p->need == NEED_OUT) return output_stream_subscribe(p->out);
  return -1;
}

/* Ends a pump without finishing its outgoing body: the host aborts that
   request or response. Children go first. */
static void pump_abort(pump_t *p) {
  input_stream_drop(p->in);
  output_stream_drop(p->out);
  incoming_body_drop(p->ibody);
  outgoing_body_drop(p->obody);
  p->active = 0;
}

static int finish_incoming_body(handle_t body, handle_t *trailers);

/* Ends a pump whose input is at its end: the incoming body's trailers go into
   outgoing-body.finish. PUMP_EOF; PUMP_IN_FAILED when the trailers failed (the
   outgoing body is dropped unfinished); PUMP_FINISH_FAILED with *err_disc when
   finish reported an error-code. */
static int pump_finish(pump_t *p, uint8_t *err_disc) {
  handle_t trailers;
  input_stream_drop(p->in);
  output_stream_drop(p->out);
  p->active = 0;
  if (!finish_incoming_body(p->ibody, &trailers)) {
    outgoing_body_drop(p->obody);
    return PUMP_IN_FAILED;
  }
  ret_area_t fin;
  outgoing_body_finish(p->obody, trailers >= 0, trailers >= 0 ? trailers : 0, &fin);
  if (RET_U8(fin, 0)) {
    *err_disc = RET_U8(fin, 8);
    return PUMP_FINISH_FAILED;
  }
  return PUMP_EOF;
}

/* Runs one step of an active pump and ends it when its input ended or a side
   failed. Returns PUMP_MORE while it runs, else how it ended. */
static int pump_run(pump_t *p, int *progress, uint8_t *finish_err) {
  int end = pump_step(p, progress);
  if (end == PUMP_MORE) return end;
  *progress = 1;
  if (end == PUMP_EOF) return pump_finish(p, finish_err);
  pump_abort(p);
  return end;
}

/* incoming-body.finish, then waits for the trailers. Returns 1 with
   *trailers = the fields handle or -1 (none); 0 when they failed. */
static int finish_incoming_body(handle_t body, handle_t *trailers) {
  handle_t future = incoming_body_finish(body);
  ret_area_t r;
  future_trailers_get(future, &r); /* at the body's end they are usually there */
  if (RET_U8(r, 0) == 0) {
    handle_t p = future_trailers_subscribe(future);
    pollable_block(p);
    pollable_drop(p);
    future_trailers_get(future, &r);
  }
  future_trailers_drop(future);
  *trailers = -1;
  if (RET_U8(r, 0) == 0 || RET_U8(r, 8) != 0 || RET_U8(r, 16) != 0) return 0;
  if (RET_U8(r, 24)) *trailers = RET_I32(r, 28);
  return 1;
}

/* ---- responses of the proxy itself ---- */

static void append_header(handle_t fields, const char *name, const uint8_t *value, size_t len) {
  result_unit_u8_t r;
  fields_append(fields, (const uint8_t *)name, cstrlen(name), value, len, &r);
}

/* A complete plain-text response; `error_name` (or NULL) also goes into x-proxy-error. */
static void respond_text(handle_t outparam, int status, const char *error_name,
                         const uint8_t *text, size_t len) {
  static const char ctype[] = "text/plain; charset=utf-8";
  handle_t headers = fields_new();
  append_header(headers, "content-type", (const uint8_t *)ctype, sizeof ctype - 1);
  if (error_name != NULL)
    append_header(headers, "x-proxy-error", (const uint8_t *)error_name, cstrlen(error_name));
  handle_t response = outgoing_response_new(headers);
  outgoing_response_set_status_code(response, status);
  result_handle_t body, out;
  outgoing_response_body(response, &body);
  outgoing_body_write(body.val, &out);
  response_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);
  write_all(out.val, text, len);
  output_stream_drop(out.val);
  ret_area_t fin;
  outgoing_body_finish(body.val, 0, 0, &fin);
}

static void respond_message(handle_t outparam, int status, const char *a, const uint8_t *b,
                            size_t blen, const char *c) {
  text_t t = text_new(cstrlen(a) + blen + cstrlen(c));
  text_addz(&t, a);
  text_add(&t, b, blen);
  text_addz(&t, c);
  respond_text(outparam, status, NULL, t.ptr, t.len);
}

static void respond_error_code(handle_t outparam, uint8_t disc) {
  const char *name = error_code_name(disc);
  text_t t = text_new(cstrlen(name) + 1);
  text_addz(&t, name);
  text_addz(&t, "\n");
  respond_text(outparam, 502, name, t.ptr, t.len);
}

/* ---- reading the request ---- */

/* The first value of header `name` of `fields`, if any. */
static int first_header(handle_t fields, const char *name, bytes_t *value) {
  bytes_t list;
  fields_get(fields, (const uint8_t *)name, cstrlen(name), &list);
  if (list.len == 0) return 0;
  *value = ((bytes_t *)list.ptr)[0];
  return 1;
}

static int env_lookup(const char *name, bytes_t *value) {
  bytes_t list;
  get_environment(&list);
  env_entry_t *e = (env_entry_t *)list.ptr;
  for (uint32_t i = 0; i < list.len; i++) {
    if (bytes_eq(e[i].name.ptr, e[i].name.len, name)) {
      *value = e[i].value;
      return 1;
    }
  }
  return 0;
}

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

/* ---- forwarding ---- */

static pump_t request_pump, response_pump;

/* Sets up the pump from the incoming request's body into `obody`; without one
   (a stream refused), `obody` is dropped unfinished. */
static void start_request_pump(pump_t *p, handle_t request, handle_t obody) {
  result_handle_t out, ibody, in;
  outgoing_body_write(obody, &out);
  incoming_request_consume(request, &ibody);
  in.is_err = 1;
  if (!ibody.is_err) incoming_body_stream(ibody.val, &in);
  if (out.is_err || in.is_err) {
    if (!out.is_err) output_stream_drop(out.val);
    if (!ibody.is_err) incoming_body_drop(ibody.val);
    outgoing_body_drop(obody);
    return;
  }
  p->in = in.val;
  p->out = out.val;
  p->ibody = ibody.val;
  p->obody = obody;
  p->len = 0;
  p->need = NEED_NOTHING;
  p->active = 1;
}

/* Sends the upstream's status and headers, and sets up the pump of its body.
   Without a body stream the response is finished empty at once. */
static void start_response(pump_t *p, handle_t outparam, handle_t resp) {
  int status = incoming_response_status(resp);
  handle_t upstream_headers = incoming_response_headers(resp); /* child of resp */
  handle_t headers = fields_clone(upstream_headers);
  fields_drop(upstream_headers);
  handle_t response = outgoing_response_new(headers);
  outgoing_response_set_status_code(response, status);
  result_handle_t obody, out, ibody, in;
  outgoing_response_body(response, &obody);
  outgoing_body_write(obody.val, &out);
  response_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);
  incoming_response_consume(resp, &ibody);
  in.is_err = 1;
  if (!ibody.is_err) incoming_body_stream(ibody.val, &in);
  if (in.is_err) {
    if (!ibody.is_err) incoming_body_drop(ibody.val);
    output_stream_drop(out.val);
    ret_area_t fin;
    outgoing_body_finish(obody.val, 0, 0, &fin);
    return;
  }
  p->in = in.val;
  p->out = out.val;
  p->ibody = ibody.val;
  p->obody = obody.val;
  p->len = 0;
  p->need = NEED_NOTHING;
  p->active = 1;
}

/* Waits until one of the given pollables (-1: none) is ready, then drops them. */
static void wait_any(handle_t a, handle_t b, handle_t c) {
  handle_t list[3];
  uint32_t n = 0;
  if (a >= 0) list[n++] = a;
  if (b >= 0) list[n++] = b;
  if (c >= 0) list[n++] = c;
  if (n == 0) return;
  uintptr_t mark = heap_top;
  bytes_t ready;
  poll(list, n, &ready);
  heap_top = mark;
  for (uint32_t i = 0; i < n; i++) pollable_drop(list[i]);
}

/* Both directions at once, until both bodies are done: the request body goes
   upstream while the response is awaited and, once it has arrived, while the
   response body comes back (an upstream may answer before it has read the
   whole request, or stream its answer as it reads). */
static void forward(handle_t outparam, handle_t future) {
  pump_t *req = &request_pump, *resp = &response_pump;
  handle_t upstream_response = -1;
  resp->active = 0;
  while (req->active || future >= 0 || resp->active) {
    int progress = 0;
    uint8_t disc;
    if (req->active) {
      int end = pump_run(req, &progress, &disc);
      if (end == PUMP_FINISH_FAILED && future >= 0) {
        /* the request is refused as sent: report that, not the aborted exchange */
        future_incoming_response_drop(future);
        future = -1;
        respond_error_code(outparam, disc);
      }
    }
    handle_t future_pollable = -1;
    if (future >= 0) {
      ret_area_t r;
      future_incoming_response_get(future, &r);
      if (RET_U8(r, 0) == 0) {
        future_pollable = -2; /* subscribe below, if nothing else moved */
      } else {
        future_incoming_response_drop(future);
        future = -1;
        progress = 1;
        if (RET_U8(r, 8) != 0 || RET_U8(r, 16) != 0) {
          if (req->active) pump_abort(req);
          /* (an outer error means the result was taken already: cannot happen) */
          respond_error_code(outparam, RET_U8(r, 8) != 0 ? 38 /* internal-error */
                                                         : RET_U8(r, 24));
        } else {
          upstream_response = RET_I32(r, 24);
          start_response(resp, outparam, upstream_response);
          if (!resp->active) {
            incoming_response_drop(upstream_response);
            upstream_response = -1;
            if (req->active) pump_abort(req);
          }
        }
      }
    }
    if (resp->active) {
      int end = pump_run(resp, &progress, &disc);
      if (end != PUMP_MORE) {
        incoming_response_drop(upstream_response); /* its body is gone already */
        upstream_response = -1;
        /* the exchange is over: the rest of the request body is not sent */
        if (req->active) pump_abort(req);
      }
    }
    if (!progress && (req->active || future >= 0 || resp->active)) {
      if (future_pollable == -2) future_pollable = future_incoming_response_subscribe(future);
      wait_any(pump_pollable(req), future_pollable, pump_pollable(resp));
    }
  }
}

/* Whether a request without content-length carries no body by convention. */
static int bodyless_method(uint8_t tag) {
  return tag == M_GET || tag == M_HEAD || tag == M_DELETE || tag == M_CONNECT ||
         tag == M_OPTIONS || tag == M_TRACE;
}

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
    respond_text(outparam, 500, NULL, (const uint8_t *)msg, sizeof msg - 1);
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

  /* Whether a body goes upstream. */
  bytes_t cl;
  int send_body;
  if (first_header(in_headers, "content-length", &cl)) {
    send_body = 0; /* the host accepts only digits here */
    for (uint32_t i = 0; i < cl.len; i++) if (cl.ptr[i] != '0') send_body = 1;
  } else {
    send_body = !bodyless_method(m.tag);
  }

  /* The outgoing request. */
  handle_t out_headers = fields_clone(in_headers);
  fields_drop(in_headers);
  for (size_t i = 0; i < sizeof DROPPED_HEADERS / sizeof DROPPED_HEADERS[0]; i++) {
    result_unit_u8_t r; /* forbidden (e.g. host) or absent: nothing to do */
    fields_delete(out_headers, (const uint8_t *)DROPPED_HEADERS[i], cstrlen(DROPPED_HEADERS[i]),
                  &r);
  }
  handle_t oreq = outgoing_request_new(out_headers);
  outgoing_request_set_method(oreq, m.tag, m.tag == M_OTHER ? m.other.ptr : NULL,
                              m.tag == M_OTHER ? m.other.len : 0);
  if (outgoing_request_set_path_with_query(oreq, pq.is_some, pq.is_some ? pq.val.ptr : NULL,
                                           pq.is_some ? pq.val.len : 0) != 0) {
    outgoing_request_drop(oreq);
    static const char msg[] = "invalid path\n";
    respond_text(outparam, 400, NULL, (const uint8_t *)msg, sizeof msg - 1);
    incoming_request_drop(request);
    return;
  }
  outgoing_request_set_scheme(oreq, 1, https, NULL, 0);
  if (outgoing_request_set_authority(oreq, 1, authority.ptr, authority.len) != 0) {
    outgoing_request_drop(oreq);
    respond_message(outparam, bad_status, source, upstream.ptr, upstream.len, expected);
    incoming_request_drop(request);
    return;
  }
  handle_t obody = -1;
  if (send_body) {
    result_handle_t b;
    outgoing_request_body(oreq, &b);
    if (!b.is_err) obody = b.val;
  }
  handle_t options = -1;
  if (any_timeout) {
    options = request_options_new();
    if (has_timeout[0]) request_options_set_connect_timeout(options, 1, timeouts[0]);
    if (has_timeout[1]) request_options_set_first_byte_timeout(options, 1, timeouts[1]);
    if (has_timeout[2]) request_options_set_between_bytes_timeout(options, 1, timeouts[2]);
  }

  /* Send: handle first, then both bodies. */
  ret_area_t h;
  outgoing_handler_handle(oreq, options >= 0, options >= 0 ? options : 0, &h);
  if (RET_U8(h, 0)) {
    if (obody >= 0) outgoing_body_drop(obody);
    respond_error_code(outparam, RET_U8(h, 8));
    incoming_request_drop(request);
    return;
  }
  request_pump.active = 0;
  if (obody >= 0) start_request_pump(&request_pump, request, obody);
  forward(outparam, RET_I32(h, 8));
  incoming_request_drop(request);
}
