/*
 * filter-c: a wasi:http/proxy@0.2.0 component in freestanding C that guards
 * what is behind it, as a servlet filter (WasiHttpFilter) runs it: it checks a
 * bearer token, then forwards the request to its own origin (the incoming
 * request's scheme and authority), where the host serves it in process with
 * whatever is behind the filter, and streams the answer back with one header
 * added. Everything but the checks and the destination is proxy-c's code
 * (the pumps, the non-blocking loop, the 502 answers): see proxy.c there.
 *
 * Token
 *   The environment variable TOKEN (wasi:cli/environment). A request whose
 *   first `authorization` value is not exactly `Bearer TOKEN` (the scheme
 *   name in any case) is answered 401 with `www-authenticate: Bearer` and the
 *   body "unauthorized\n", and nothing is forwarded. Without TOKEN (or with an
 *   empty one) every request is answered 500, "no TOKEN configured\n".
 *
 * Destination
 *   `http[s]://AUTHORITY` + the request's path-with-query, where scheme and
 *   authority are the incoming request's. A request without an authority is
 *   answered 500, "no authority to forward to\n". With the environment
 *   variable REWRITE=`FROM=TO` (two path prefixes, e.g. `/old/=/new/`), a path
 *   that starts with FROM is forwarded with TO in its place.
 *
 * Forwarded
 *   Method, (rewritten) path-with-query, headers minus `host` and `expect`
 *   (the `authorization` goes on: what is behind may want it), and the body
 *   under proxy-c's rule (content-length > 0, or none and a method that has
 *   bodies), streaming both ways.
 *
 * Answer
 *   What comes back (status, headers, body, trailers) plus the header
 *   `x-filtered-by: wasm`; an error-code instead is a 502 with
 *   `x-proxy-error: NAME`, as proxy-c answers it.
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
  append_header(headers, "x-filtered-by", (const uint8_t *)"wasm", 4);
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

/* ---- the token ---- */

/* Whether `v` is `Bearer TOKEN`, the scheme name in any case, one space. */
static int bearer_matches(bytes_t v, bytes_t token) {
  if (!starts_with_ci(v.ptr, v.len, "bearer ")) return 0;
  if (v.len - 7 != token.len) return 0;
  uint8_t diff = 0; /* every byte compared, whatever the first mismatch */
  for (uint32_t i = 0; i < token.len; i++) diff |= v.ptr[7 + i] ^ token.ptr[i];
  return diff == 0;
}

/* `pq` with the prefix `from` replaced by `to` when it starts with it. */
static bytes_t rewrite_path(bytes_t pq, bytes_t rule) {
  uint32_t eq = 0;
  while (eq < rule.len && rule.ptr[eq] != '=') eq++;
  if (eq == 0 || eq == rule.len) return pq; /* not FROM=TO: nothing to do */
  bytes_t from = { rule.ptr, eq }, to = { rule.ptr + eq + 1, rule.len - eq - 1 };
  if (pq.len < from.len) return pq;
  for (uint32_t i = 0; i < from.len; i++) if (pq.ptr[i] != from.ptr[i]) return pq;
  text_t t = text_new(to.len + pq.len - from.len);
  text_add(&t, to.ptr, to.len);
  text_add(&t, pq.ptr + from.len, pq.len - from.len);
  bytes_t out = { t.ptr, (uint32_t)t.len };
  return out;
}

static void reject(handle_t outparam, handle_t request, int status, const char *msg) {
  handle_t headers = fields_new();
  static const char ctype[] = "text/plain; charset=utf-8";
  append_header(headers, "content-type", (const uint8_t *)ctype, sizeof ctype - 1);
  if (status == 401) append_header(headers, "www-authenticate", (const uint8_t *)"Bearer", 6);
  handle_t response = outgoing_response_new(headers);
  outgoing_response_set_status_code(response, status);
  result_handle_t body, out;
  outgoing_response_body(response, &body);
  outgoing_body_write(body.val, &out);
  response_outparam_set(outparam, 0, response, 0, 0, 0, 0, 0, 0);
  write_all(out.val, (const uint8_t *)msg, cstrlen(msg));
  output_stream_drop(out.val);
  ret_area_t fin;
  outgoing_body_finish(body.val, 0, 0, &fin);
  incoming_request_drop(request);
}

/* Names never forwarded. */
static const char *const DROPPED_HEADERS[] = { "host", "expect" };

/* ---- export: wasi:http/incoming-handler@0.2.0#handle ---- */

__attribute__((export_name("wasi:http/incoming-handler@0.2.0#handle")))
void handle(handle_t request, handle_t outparam) {
  heap_reset(); /* nothing allocated survives a request */

  bytes_t token;
  if (!env_lookup("TOKEN", &token) || token.len == 0) {
    reject(outparam, request, 500, "no TOKEN configured\n");
    return;
  }
  handle_t in_headers = incoming_request_headers(request); /* child of request */
  bytes_t auth;
  if (!first_header(in_headers, "authorization", &auth) || !bearer_matches(auth, token)) {
    fields_drop(in_headers);
    reject(outparam, request, 401, "unauthorized\n");
    return;
  }

  option_scheme_t scheme;
  incoming_request_scheme(request, &scheme);
  option_string_t authority;
  incoming_request_authority(request, &authority);
  if (!authority.is_some || authority.val.len == 0) {
    fields_drop(in_headers);
    reject(outparam, request, 500, "no authority to forward to\n");
    return;
  }
  method_t m;
  incoming_request_method(request, &m);
  option_string_t pq;
  incoming_request_path_with_query(request, &pq);
  bytes_t rule;
  if (pq.is_some && env_lookup("REWRITE", &rule)) pq.val = rewrite_path(pq.val, rule);

  /* Whether a body goes on. */
  bytes_t cl;
  int send_body;
  if (first_header(in_headers, "content-length", &cl)) {
    send_body = 0; /* the host accepts only digits here */
    for (uint32_t i = 0; i < cl.len; i++) if (cl.ptr[i] != '0') send_body = 1;
  } else {
    send_body = !bodyless_method(m.tag);
  }

  handle_t out_headers = fields_clone(in_headers);
  fields_drop(in_headers);
  for (size_t i = 0; i < sizeof DROPPED_HEADERS / sizeof DROPPED_HEADERS[0]; i++) {
    result_unit_u8_t r; /* forbidden (host) or absent: nothing to do */
    fields_delete(out_headers, (const uint8_t *)DROPPED_HEADERS[i], cstrlen(DROPPED_HEADERS[i]),
                  &r);
  }
  handle_t oreq = outgoing_request_new(out_headers);
  outgoing_request_set_method(oreq, m.tag, m.tag == M_OTHER ? m.other.ptr : NULL,
                              m.tag == M_OTHER ? m.other.len : 0);
  if (outgoing_request_set_path_with_query(oreq, pq.is_some, pq.is_some ? pq.val.ptr : NULL,
                                           pq.is_some ? pq.val.len : 0) != 0) {
    outgoing_request_drop(oreq);
    reject(outparam, request, 400, "invalid path\n");
    return;
  }
  if (scheme.is_some) {
    outgoing_request_set_scheme(oreq, 1, scheme.val.tag,
                                scheme.val.tag == S_OTHER ? scheme.val.other.ptr : NULL,
                                scheme.val.tag == S_OTHER ? scheme.val.other.len : 0);
  }
  if (outgoing_request_set_authority(oreq, 1, authority.val.ptr, authority.val.len) != 0) {
    outgoing_request_drop(oreq);
    reject(outparam, request, 500, "the incoming authority is not one to forward to\n");
    return;
  }
  handle_t obody = -1;
  if (send_body) {
    result_handle_t b;
    outgoing_request_body(oreq, &b);
    if (!b.is_err) obody = b.val;
  }

  /* Send: handle first, then both bodies. */
  ret_area_t h;
  outgoing_handler_handle(oreq, 0, 0, &h);
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
