/*
 * forward.h: forwarding a request through wasi:http/outgoing-handler and
 * streaming both bodies back and forth at once, as proxy-c and filter-c do (the
 * contract is the comment at the top of proxy-c/proxy.c: "Streaming, both ways
 * at once" and "Answer"). Included once per component, after support.h; the
 * component decides where a request goes and calls
 *
 *   outgoing_request_for  the outgoing request: method, path, fields;
 *   send_request          handle, then both bodies at once, then the answer
 *                         (502 with x-proxy-error for an error-code).
 */
#ifndef COMMON_C_FORWARD_H
#define COMMON_C_FORWARD_H

#define CHUNK 4096 /* per step and direction; also the most blocking-write-and-flush accepts */

/* ---- error-code case names, in WIT order (the variant's discriminant) ---- */

static const char *const ERROR_CODE_NAMES[] = {
  "DNS-timeout", "DNS-error", "destination-not-found", "destination-unavailable",
  "destination-IP-prohibited", "destination-IP-unroutable", "connection-refused",
  "connection-terminated", "connection-timeout", "connection-read-timeout",
  "connection-write-timeout", "connection-limit-reached", "TLS-protocol-error",
  "TLS-certificate-error", "TLS-alert-received", "HTTP-request-denied",
  "HTTP-request-length-required", "HTTP-request-body-size", "HTTP-request-method-invalid",
  "HTTP-request-URI-invalid", "HTTP-request-URI-too-long",
  "HTTP-request-header-section-size", "HTTP-request-header-size",
  "HTTP-request-trailer-section-size", "HTTP-request-trailer-size",
  "HTTP-response-incomplete", "HTTP-response-header-section-size",
  "HTTP-response-header-size", "HTTP-response-body-size",
  "HTTP-response-trailer-section-size", "HTTP-response-trailer-size",
  "HTTP-response-transfer-coding", "HTTP-response-content-coding",
  "HTTP-response-timeout", "HTTP-upgrade-failed", "HTTP-protocol-error", "loop-detected",
  "configuration-error", "internal-error",
};
_Static_assert(sizeof ERROR_CODE_NAMES / sizeof ERROR_CODE_NAMES[0] == 39, "39 error-code cases");

static const char *error_code_name(uint8_t disc) {
  return disc < sizeof ERROR_CODE_NAMES / sizeof ERROR_CODE_NAMES[0] ? ERROR_CODE_NAMES[disc]
                                                                     : "internal-error";
}

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

/* ---- answers of the component itself ---- */

static void append_header(handle_t fields, const char *name, const uint8_t *value, size_t len) {
  result_unit_u8_t r;
  fields_append(fields, (const uint8_t *)name, cstrlen(name), value, len, &r);
}

/* A complete plain-text response, with one more header `name: value` when
   `name` is not NULL (e.g. x-proxy-error). */
static void respond_text(handle_t outparam, int status, const char *name, const char *value,
                         const uint8_t *text, size_t len) {
  static const char ctype[] = "text/plain; charset=utf-8";
  handle_t headers = fields_new();
  append_header(headers, "content-type", (const uint8_t *)ctype, sizeof ctype - 1);
  if (name != NULL) append_header(headers, name, (const uint8_t *)value, cstrlen(value));
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

static void respond_error_code(handle_t outparam, uint8_t disc) {
  const char *name = error_code_name(disc);
  text_t t = text_new(cstrlen(name) + 1);
  text_addz(&t, name);
  text_addz(&t, "\n");
  respond_text(outparam, 502, "x-proxy-error", name, t.ptr, t.len);
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

/* The value of environment variable `name` (wasi:cli/environment), if set. */
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

/* Sends the upstream's status and headers (plus `add_name: add_value` when
   add_name is not NULL), and sets up the pump of its body. Without a body
   stream the response is finished empty at once. */
static void start_response(pump_t *p, handle_t outparam, handle_t resp, const char *add_name,
                           const char *add_value) {
  int status = incoming_response_status(resp);
  handle_t upstream_headers = incoming_response_headers(resp); /* child of resp */
  handle_t headers = fields_clone(upstream_headers);
  fields_drop(upstream_headers);
  if (add_name != NULL)
    append_header(headers, add_name, (const uint8_t *)add_value, cstrlen(add_value));
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
static void forward(handle_t outparam, handle_t future, const char *add_name,
                    const char *add_value) {
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
          start_response(resp, outparam, upstream_response, add_name, add_value);
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

/* Whether the request carries a body to forward: a content-length above 0, or
   no content-length and a method that has bodies by convention (not GET, HEAD,
   DELETE, CONNECT, OPTIONS or TRACE). */
static int has_body(handle_t headers, const method_t *m) {
  bytes_t cl;
  if (first_header(headers, "content-length", &cl)) {
    for (uint32_t i = 0; i < cl.len; i++) /* the host accepts only digits here */
      if (cl.ptr[i] != '0') return 1;
    return 0;
  }
  return !(m->tag == M_GET || m->tag == M_HEAD || m->tag == M_DELETE || m->tag == M_CONNECT ||
           m->tag == M_OPTIONS || m->tag == M_TRACE);
}

/* The outgoing request: the incoming method `m` and path-with-query `pq`, with
   a clone of `headers` (the incoming request's, dropped here) without the
   `ndropped` names in `dropped` (a delete the host refuses, e.g. `forbidden`
   for host, or of an absent name, changes nothing). Scheme and authority are
   the caller's to set. When the host refuses the path: answers 400 "invalid
   path", drops `request` and returns -1. */
static handle_t outgoing_request_for(handle_t request, handle_t outparam, handle_t headers,
                                     const char *const *dropped, size_t ndropped,
                                     const method_t *m, const option_string_t *pq) {
  handle_t out_headers = fields_clone(headers);
  fields_drop(headers);
  for (size_t i = 0; i < ndropped; i++) {
    result_unit_u8_t r;
    fields_delete(out_headers, (const uint8_t *)dropped[i], cstrlen(dropped[i]), &r);
  }
  handle_t oreq = outgoing_request_new(out_headers);
  outgoing_request_set_method(oreq, m->tag, m->tag == M_OTHER ? m->other.ptr : NULL,
                              m->tag == M_OTHER ? m->other.len : 0);
  if (outgoing_request_set_path_with_query(oreq, pq->is_some, pq->is_some ? pq->val.ptr : NULL,
                                           pq->is_some ? pq->val.len : 0) != 0) {
    outgoing_request_drop(oreq);
    static const char msg[] = "invalid path\n";
    respond_text(outparam, 400, NULL, NULL, (const uint8_t *)msg, sizeof msg - 1);
    incoming_request_drop(request);
    return -1;
  }
  return oreq;
}

/* Sends `oreq` with `options` (-1: none) and, when `send_body`, the incoming
   request's body: outgoing-handler.handle first, then both bodies at once
   (forward). The answer is what comes back, plus `add_name: add_value` when
   add_name is not NULL, or a 502 for an error-code. Drops `request`. */
static void send_request(handle_t request, handle_t outparam, handle_t oreq, int send_body,
                         handle_t options, const char *add_name, const char *add_value) {
  handle_t obody = -1;
  if (send_body) {
    result_handle_t b;
    outgoing_request_body(oreq, &b);
    if (!b.is_err) obody = b.val;
  }
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
  forward(outparam, RET_I32(h, 8), add_name, add_value);
  incoming_request_drop(request);
}

#endif
