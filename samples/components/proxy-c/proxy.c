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
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) \
  __attribute__((import_module(module), import_name(name)))
#define HTTP "wasi:http/types@0.2.0"
#define STREAMS "wasi:io/streams@0.2.0"
#define POLL "wasi:io/poll@0.2.0"

typedef int32_t handle_t;

/* ---- canonical ABI layouts of results received through a return pointer ---- */

/* string / list<u8>: (ptr, len) */
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;

/* method: variant { get, head, post, put, delete, connect, options, trace,
   patch, other(string) }: u8 discriminant, payload at offset 4. */
typedef struct { uint8_t tag; bytes_t other; } method_t;
enum { M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_CONNECT, M_OPTIONS, M_TRACE, M_PATCH, M_OTHER };

/* option<string>: u8 discriminant, string at offset 4. */
typedef struct { uint8_t is_some; bytes_t val; } option_string_t;

/* result<own<T>, _>: u8 discriminant (0 ok), handle at offset 4. */
typedef struct { uint8_t is_err; handle_t val; } result_handle_t;

/* result<_, header-error> */
typedef struct { uint8_t is_err; uint8_t err; } result_unit_u8_t;

/* stream-error: variant { last-operation-failed(own<error>), closed }. */
typedef struct { uint8_t tag; handle_t error; } stream_error_t;

/* result<list<u8>, stream-error>: the payload union starts at offset 4. */
typedef struct {
  uint8_t is_err;
  union { bytes_t ok; stream_error_t err; } u;
} result_bytes_t;

/* result<_, stream-error> */
typedef struct { uint8_t is_err; stream_error_t err; } result_stream_t;

/* error-code is a variant of 39 cases whose payloads reach 24 bytes with an
   8-byte alignment (option<u64>): 32 bytes, discriminant first, payload at 8.
   Results holding it are read as raw bytes at these offsets:
     result<own<T>, error-code>             disc @0, handle or error-code @8
     result<_, error-code>                  disc @0, error-code @8
     option<result<result<X, error-code>>>  some @0, outer @8, inner @16,
                                            X or error-code @24
   where X is own<incoming-response> (handle @24) or option<own<trailers>>
   (some @24, handle @28). */
typedef struct { _Alignas(8) uint8_t b[64]; } ret_area_t;
#define RET_U8(r, off) ((r).b[off])
#define RET_I32(r, off) (*(int32_t *)&(r).b[off])

_Static_assert(sizeof(method_t) == 12, "method layout");
_Static_assert(sizeof(result_bytes_t) == 12, "result<list<u8>,stream-error> layout");
_Static_assert(sizeof(result_stream_t) == 12, "result<_,stream-error> layout");

/* ---- imports: wasi:http/types@0.2.0 ---- */
IMPORT(HTTP, "[constructor]fields")
handle_t fields_new(void);
IMPORT(HTTP, "[method]fields.get")
void fields_get(handle_t self, const uint8_t *name, uint32_t name_len, bytes_t *ret);
IMPORT(HTTP, "[method]fields.delete")
void fields_delete(handle_t self, const uint8_t *name, uint32_t name_len, result_unit_u8_t *ret);
IMPORT(HTTP, "[method]fields.append")
void fields_append(handle_t self, const uint8_t *name, uint32_t name_len,
                   const uint8_t *value, uint32_t value_len, result_unit_u8_t *ret);
IMPORT(HTTP, "[method]fields.clone")
handle_t fields_clone(handle_t self);
IMPORT(HTTP, "[resource-drop]fields")
void fields_drop(handle_t self);

IMPORT(HTTP, "[method]incoming-request.method")
void incoming_request_method(handle_t self, method_t *ret);
IMPORT(HTTP, "[method]incoming-request.path-with-query")
void incoming_request_path_with_query(handle_t self, option_string_t *ret);
IMPORT(HTTP, "[method]incoming-request.headers")
handle_t incoming_request_headers(handle_t self);
IMPORT(HTTP, "[method]incoming-request.consume")
void incoming_request_consume(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[resource-drop]incoming-request")
void incoming_request_drop(handle_t self);

IMPORT(HTTP, "[method]incoming-body.stream")
void incoming_body_stream(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[static]incoming-body.finish")
handle_t incoming_body_finish(handle_t self);
IMPORT(HTTP, "[resource-drop]incoming-body")
void incoming_body_drop(handle_t self);
IMPORT(HTTP, "[method]future-trailers.subscribe")
handle_t future_trailers_subscribe(handle_t self);
IMPORT(HTTP, "[method]future-trailers.get")
void future_trailers_get(handle_t self, ret_area_t *ret);
IMPORT(HTTP, "[resource-drop]future-trailers")
void future_trailers_drop(handle_t self);

IMPORT(HTTP, "[constructor]outgoing-request")
handle_t outgoing_request_new(handle_t headers);
IMPORT(HTTP, "[method]outgoing-request.body")
void outgoing_request_body(handle_t self, result_handle_t *ret);
/* set-method(method): the variant flattens to (discriminant, ptr, len). */
IMPORT(HTTP, "[method]outgoing-request.set-method")
int32_t outgoing_request_set_method(handle_t self, int32_t tag, const uint8_t *ptr, uint32_t len);
IMPORT(HTTP, "[method]outgoing-request.set-path-with-query")
int32_t outgoing_request_set_path_with_query(handle_t self, int32_t is_some,
                                             const uint8_t *ptr, uint32_t len);
/* set-scheme(option<scheme>): (is-some, scheme discriminant, other ptr, other len). */
IMPORT(HTTP, "[method]outgoing-request.set-scheme")
int32_t outgoing_request_set_scheme(handle_t self, int32_t is_some, int32_t tag,
                                    const uint8_t *ptr, uint32_t len);
IMPORT(HTTP, "[method]outgoing-request.set-authority")
int32_t outgoing_request_set_authority(handle_t self, int32_t is_some,
                                       const uint8_t *ptr, uint32_t len);
IMPORT(HTTP, "[resource-drop]outgoing-request")
void outgoing_request_drop(handle_t self);

IMPORT(HTTP, "[constructor]request-options")
handle_t request_options_new(void);
IMPORT(HTTP, "[method]request-options.set-connect-timeout")
int32_t request_options_set_connect_timeout(handle_t self, int32_t is_some, uint64_t ns);
IMPORT(HTTP, "[method]request-options.set-first-byte-timeout")
int32_t request_options_set_first_byte_timeout(handle_t self, int32_t is_some, uint64_t ns);
IMPORT(HTTP, "[method]request-options.set-between-bytes-timeout")
int32_t request_options_set_between_bytes_timeout(handle_t self, int32_t is_some, uint64_t ns);

IMPORT(HTTP, "[method]future-incoming-response.subscribe")
handle_t future_incoming_response_subscribe(handle_t self);
IMPORT(HTTP, "[method]future-incoming-response.get")
void future_incoming_response_get(handle_t self, ret_area_t *ret);
IMPORT(HTTP, "[resource-drop]future-incoming-response")
void future_incoming_response_drop(handle_t self);

IMPORT(HTTP, "[method]incoming-response.status")
int32_t incoming_response_status(handle_t self);
IMPORT(HTTP, "[method]incoming-response.headers")
handle_t incoming_response_headers(handle_t self);
IMPORT(HTTP, "[method]incoming-response.consume")
void incoming_response_consume(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[resource-drop]incoming-response")
void incoming_response_drop(handle_t self);

IMPORT(HTTP, "[constructor]outgoing-response")
handle_t outgoing_response_new(handle_t headers);
IMPORT(HTTP, "[method]outgoing-response.set-status-code")
int32_t outgoing_response_set_status_code(handle_t self, int32_t status);
IMPORT(HTTP, "[method]outgoing-response.body")
void outgoing_response_body(handle_t self, result_handle_t *ret);

IMPORT(HTTP, "[method]outgoing-body.write")
void outgoing_body_write(handle_t self, result_handle_t *ret);
/* finish(this, trailers: option<trailers>): the option flattens to (is-some, handle). */
IMPORT(HTTP, "[static]outgoing-body.finish")
void outgoing_body_finish(handle_t self, int32_t trailers_is_some, handle_t trailers,
                          ret_area_t *ret);
IMPORT(HTTP, "[resource-drop]outgoing-body")
void outgoing_body_drop(handle_t self);

/* set(param, response: result<outgoing-response, error-code>): a discriminant
   plus the join of both payloads' flat types, i32 i32 i64 i32 i32 i32 i32
   (error-code's widest case); ok(response) puts the handle first. */
IMPORT(HTTP, "[static]response-outparam.set")
void response_outparam_set(handle_t param, int32_t is_err, int32_t p0, int32_t p1,
                           int64_t p2, int32_t p3, int32_t p4, int32_t p5, int32_t p6);

/* ---- imports: wasi:http/outgoing-handler@0.2.0 ---- */
/* handle(request, options: option<request-options>) -> result<future-incoming-response, error-code> */
IMPORT("wasi:http/outgoing-handler@0.2.0", "handle")
void outgoing_handler_handle(handle_t request, int32_t options_is_some, handle_t options,
                             ret_area_t *ret);

/* ---- imports: wasi:io ---- */
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void output_stream_blocking_write_and_flush(handle_t self, const uint8_t *buf,
                                            uint32_t len, result_stream_t *ret);
IMPORT(STREAMS, "[method]input-stream.read")
void input_stream_read(handle_t self, uint64_t len, result_bytes_t *ret);
IMPORT(STREAMS, "[method]input-stream.subscribe")
handle_t input_stream_subscribe(handle_t self);
/* check-write() -> result<u64, stream-error>: u64 or stream-error at offset 8. */
IMPORT(STREAMS, "[method]output-stream.check-write")
void output_stream_check_write(handle_t self, ret_area_t *ret);
IMPORT(STREAMS, "[method]output-stream.write")
void output_stream_write(handle_t self, const uint8_t *buf, uint32_t len, result_stream_t *ret);
IMPORT(STREAMS, "[method]output-stream.flush")
void output_stream_flush(handle_t self, result_stream_t *ret);
IMPORT(STREAMS, "[method]output-stream.subscribe")
handle_t output_stream_subscribe(handle_t self);
IMPORT(STREAMS, "[resource-drop]input-stream")
void input_stream_drop(handle_t self);
IMPORT(STREAMS, "[resource-drop]output-stream")
void output_stream_drop(handle_t self);
IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void io_error_drop(handle_t self);
/* poll(list<borrow<pollable>>) -> list<u32> */
IMPORT(POLL, "poll")
void poll(const handle_t *pollables, uint32_t len, bytes_t *ret);
IMPORT(POLL, "[method]pollable.block")
void pollable_block(handle_t self);
IMPORT(POLL, "[resource-drop]pollable")
void pollable_drop(handle_t self);

/* ---- imports: wasi:cli/environment@0.2.0 ---- */
/* get-environment() -> list<tuple<string, string>>: 16 bytes per entry. */
typedef struct { bytes_t name; bytes_t value; } env_entry_t;
IMPORT("wasi:cli/environment@0.2.0", "get-environment")
void get_environment(bytes_t *ret);

/* ---- memory: a bump allocator the host calls through cabi_realloc ---- */

extern uint8_t __heap_base;
static uintptr_t heap_top;

/* When set, the next allocation of at most `arena_cap` bytes is served here:
   `input-stream.read` puts its bytes straight into a pump's fixed buffer. */
static uint8_t *arena;
static size_t arena_cap;

static void heap_reset(void) { heap_top = (uintptr_t)&__heap_base; }

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
  if (heap_top == 0) heap_reset();
  if (old_ptr == NULL && arena != NULL && new_size <= arena_cap && align <= 8) {
    void *p = arena;
    arena = NULL;
    return p;
  }
  if (old_ptr != NULL && new_size <= old_size) return old_ptr;
  uintptr_t p = (heap_top + align - 1) & ~(uintptr_t)(align - 1);
  uintptr_t end = p + new_size;
  uintptr_t limit = __builtin_wasm_memory_size(0) * 65536u;
  if (end > limit) {
    uintptr_t pages = (end - limit + 65535u) / 65536u;
    if (__builtin_wasm_memory_grow(0, pages) == (size_t)-1) __builtin_trap();
  }
  heap_top = end;
  uint8_t *dst = (uint8_t *)p;
  const uint8_t *src = old_ptr;
  for (size_t i = 0; old_ptr != NULL && i < old_size; i++) dst[i] = src[i];
  return dst;
}

/* ---- small string helpers ---- */

#define CHUNK 4096 /* per step and direction; also the most blocking-write-and-flush accepts */

static size_t cstrlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static uint8_t lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Whether a[0..alen) starts with the ASCII text b, ignoring case. */
static int starts_with_ci(const uint8_t *a, size_t alen, const char *b) {
  size_t blen = cstrlen(b);
  if (alen < blen) return 0;
  for (size_t i = 0; i < blen; i++) if (lower(a[i]) != lower((uint8_t)b[i])) return 0;
  return 1;
}

/* Whether a[0..alen) is exactly the ASCII text b. */
static int bytes_eq(const uint8_t *a, size_t alen, const char *b) {
  if (alen != cstrlen(b)) return 0;
  for (size_t i = 0; i < alen; i++) if (a[i] != (uint8_t)b[i]) return 0;
  return 1;
}

/* Appends text to a buffer being built in the bump heap. */
typedef struct { uint8_t *ptr; size_t len; } text_t;

static text_t text_new(size_t cap) {
  text_t t = { cabi_realloc(NULL, 0, 1, cap), 0 };
  return t;
}

static void text_add(text_t *t, const uint8_t *s, size_t n) {
  for (size_t i = 0; i < n; i++) t->ptr[t->len++] = s[i];
}

static void text_addz(text_t *t, const char *s) { text_add(t, (const uint8_t *)s, cstrlen(s)); }

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
