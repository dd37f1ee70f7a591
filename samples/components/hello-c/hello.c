/*
 * A wasi:http/proxy@0.2.0 component in freestanding C: no libc, no bindings
 * generator. Every import is declared by hand with its canonical-ABI core
 * signature (as printed by `jco embed --dummy`), so this file doubles as a
 * worked example of lowering: results that do not fit one core value are
 * written by the host to a "return pointer" the caller passes last.
 *
 *   GET  /anything  -> 200 "hello from C: GET /anything\n"
 *   ANY  /echo      -> 200, streams the request body back in pieces of up to
 *                      64 KiB; if reading it fails (the client went away, or the
 *                      body is longer than the host allows) the response is left
 *                      unfinished, so the host aborts it: never a clean short echo
 *   ANY  /bytes?n=N -> 200 application/octet-stream, exactly N bytes (byte i is
 *                      i & 0xff), N decimal from 0 to 1 GiB, written in pieces
 *                      of up to 64 KiB with check-write + write; a missing or
 *                      invalid n -> 400 with a one-line text body
 *   ANY  /trap      -> executes `unreachable` before any response is set
 */
#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) \
  __attribute__((import_module(module), import_name(name)))
#define HTTP "wasi:http/types@0.2.0"
#define STREAMS "wasi:io/streams@0.2.0"

typedef int32_t handle_t;

/* ---- canonical ABI layouts of the results we receive through a pointer ---- */

/* string / list<u8>: (ptr, len) */
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;

/* method: variant { get, head, post, put, delete, connect, options, trace,
   patch, other(string) } — u8 discriminant, payload at offset 4. */
typedef struct { uint8_t tag; bytes_t other; } method_t;

/* option<string>: u8 discriminant (0 none, 1 some), string at offset 4. */
typedef struct { uint8_t is_some; bytes_t val; } option_string_t;

/* result<own<T>, _>: u8 discriminant (0 ok, 1 err), handle at offset 4. */
typedef struct { uint8_t is_err; handle_t val; } result_handle_t;

/* result<_, header-error>; header-error is a payload-less variant (u8). */
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

/* result<u64, stream-error>: the payload union is 8-aligned, at offset 8. */
typedef struct {
  uint8_t is_err;
  union { uint64_t ok; stream_error_t err; } u;
} result_u64_t;

/* result<_, error-code>: only the discriminant is inspected here; the
   error-code payload is large (up to 40 bytes with 8-byte alignment). */
typedef struct { uint8_t is_err; uint8_t rest[39]; } __attribute__((aligned(8))) result_error_code_t;

_Static_assert(sizeof(method_t) == 12, "method layout");
_Static_assert(sizeof(result_bytes_t) == 12, "result<list<u8>,stream-error> layout");
_Static_assert(sizeof(result_stream_t) == 12, "result<_,stream-error> layout");
_Static_assert(sizeof(result_u64_t) == 16 && offsetof(result_u64_t, u) == 8,
               "result<u64,stream-error> layout");

/* ---- imports: wasi:http/types@0.2.0 ---- */
IMPORT(HTTP, "[method]incoming-request.method")
void incoming_request_method(handle_t self, method_t *ret);
IMPORT(HTTP, "[method]incoming-request.path-with-query")
void incoming_request_path_with_query(handle_t self, option_string_t *ret);
IMPORT(HTTP, "[method]incoming-request.consume")
void incoming_request_consume(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[method]incoming-body.stream")
void incoming_body_stream(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[constructor]fields")
handle_t fields_new(void);
IMPORT(HTTP, "[method]fields.append")
void fields_append(handle_t self, const uint8_t *name, uint32_t name_len,
                   const uint8_t *value, uint32_t value_len, result_unit_u8_t *ret);
IMPORT(HTTP, "[constructor]outgoing-response")
handle_t outgoing_response_new(handle_t headers);
IMPORT(HTTP, "[method]outgoing-response.set-status-code")
int32_t outgoing_response_set_status_code(handle_t self, int32_t status);
IMPORT(HTTP, "[method]outgoing-response.body")
void outgoing_response_body(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[method]outgoing-body.write")
void outgoing_body_write(handle_t self, result_handle_t *ret);
/* finish(this: outgoing-body, trailers: option<trailers>) -> result<_, error-code>;
   the option is flattened to (discriminant, handle). */
IMPORT(HTTP, "[static]outgoing-body.finish")
void outgoing_body_finish(handle_t self, int32_t trailers_is_some, handle_t trailers,
                          result_error_code_t *ret);
/* set(param: response-outparam, response: result<outgoing-response, error-code>):
   the result is flattened to a discriminant plus the join of both payloads'
   flat types: i32 i64 i32 i32 i32 i32 (error-code's widest case). ok(response)
   puts the handle in the first payload slot; the rest are zero. */
IMPORT(HTTP, "[static]response-outparam.set")
void response_outparam_set(handle_t param, int32_t is_err, int32_t p0, int32_t p1,
                           int64_t p2, int32_t p3, int32_t p4, int32_t p5, int32_t p6);
IMPORT(HTTP, "[resource-drop]incoming-request")
void incoming_request_drop(handle_t self);
IMPORT(HTTP, "[resource-drop]incoming-body")
void incoming_body_drop(handle_t self);

/* ---- imports: wasi:io/streams@0.2.0 ---- */
IMPORT(STREAMS, "[method]input-stream.blocking-read")
void input_stream_blocking_read(handle_t self, uint64_t len, result_bytes_t *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void output_stream_blocking_write_and_flush(handle_t self, const uint8_t *buf,
                                            uint32_t len, result_stream_t *ret);
/* check-write() -> result<u64, stream-error>: what `write` may take now. */
IMPORT(STREAMS, "[method]output-stream.check-write")
void output_stream_check_write(handle_t self, result_u64_t *ret);
IMPORT(STREAMS, "[method]output-stream.write")
void output_stream_write(handle_t self, const uint8_t *buf, uint32_t len, result_stream_t *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-flush")
void output_stream_blocking_flush(handle_t self, result_stream_t *ret);
IMPORT(STREAMS, "[resource-drop]input-stream")
void input_stream_drop(handle_t self);
IMPORT(STREAMS, "[resource-drop]output-stream")
void output_stream_drop(handle_t self);
/* wasi:io/error is only needed to drop the error of a failed stream operation. */
IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void io_error_drop(handle_t self);

/* ---- memory: a bump allocator the host calls through cabi_realloc ---- */

extern uint8_t __heap_base;
static uintptr_t heap_top;

static void heap_reset(void) { heap_top = (uintptr_t)&__heap_base; }

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
  if (heap_top == 0) heap_reset();
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

/* ---- helpers ---- */

#define MAX_WRITE 4096 /* blocking-write-and-flush accepts at most 4096 bytes */

static size_t cstrlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static int bytes_eq(const uint8_t *a, size_t alen, const char *b) {
  size_t blen = cstrlen(b);
  if (alen != blen) return 0;
  for (size_t i = 0; i < alen; i++) if (a[i] != (uint8_t)b[i]) return 0;
  return 1;
}

/* Writes everything, in pieces of at most MAX_WRITE bytes. Returns 0 when the
   stream failed or was closed by the host (e.g. the client went away). */
static int write_all(handle_t out, const uint8_t *buf, size_t len) {
  while (len > 0) {
    uint32_t n = len > MAX_WRITE ? MAX_WRITE : (uint32_t)len;
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

static void drop_stream_error(const stream_error_t *e) {
  if (e->tag == 0) io_error_drop(e->error);
}

/* Writes everything with check-write + write, each write as large as the host
   grants (64 KiB here); when it grants nothing, blocking-flush waits until the
   stream takes bytes again. For large bodies: no 4096-byte cap, no flush per
   write. Returns 0 when the stream failed or was closed. */
static int write_granted(handle_t out, const uint8_t *buf, size_t len) {
  while (len > 0) {
    result_u64_t c;
    output_stream_check_write(out, &c);
    if (c.is_err) {
      drop_stream_error(&c.u.err);
      return 0;
    }
    result_stream_t r;
    if (c.u.ok == 0) {
      output_stream_blocking_flush(out, &r);
    } else {
      uint32_t n = c.u.ok < len ? (uint32_t)c.u.ok : (uint32_t)len;
      output_stream_write(out, buf, n, &r);
      buf += n;
      len -= n;
    }
    if (r.is_err) {
      drop_stream_error(&r.err);
      return 0;
    }
  }
  return 1;
}

/* /bytes: N bytes of the pattern i & 0xff, out of one buffer that holds every
   256-byte phase of a piece. */
#define BYTES_MAX (1u << 30)
#define PIECE (64 * 1024)
static uint8_t pattern[PIECE + 256];

static int write_pattern(handle_t out, uint32_t n) {
  for (uint32_t i = 0; i < sizeof pattern; i++) pattern[i] = (uint8_t)i;
  for (uint32_t sent = 0; sent < n;) {
    uint32_t k = n - sent < PIECE ? n - sent : PIECE;
    if (!write_granted(out, pattern + (sent & 0xff), k)) return 0;
    sent += k;
  }
  return 1;
}

/* The `n` parameter of a query ("n=123", "a=b&n=123"): 1 with *n set when it is
   present, all decimal digits and at most BYTES_MAX; 0 otherwise. */
static int query_n(const uint8_t *q, size_t len, uint32_t *n) {
  size_t i = 0;
  while (i < len) {
    size_t end = i;
    while (end < len && q[end] != '&') end++;
    if (end - i >= 2 && q[i] == 'n' && q[i + 1] == '=') {
      if (end - i == 2) return 0;
      uint64_t v = 0;
      for (size_t j = i + 2; j < end; j++) {
        if (q[j] < '0' || q[j] > '9') return 0;
        v = v * 10 + (q[j] - '0');
        if (v > BYTES_MAX) return 0;
      }
      *n = (uint32_t)v;
      return 1;
    }
    i = end + 1;
  }
  return 0;
}

static const char *const METHOD_NAMES[] = {
  "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
};

static void append_header(handle_t fields, const char *name, const char *value) {
  result_unit_u8_t r;
  fields_append(fields, (const uint8_t *)name, cstrlen(name),
                (const uint8_t *)value, cstrlen(value), &r);
}

/* Streams the request body into `out`, in pieces of up to 64 KiB each way. */
/* Echoes the request body; returns 0 when reading it failed. */
static int echo_body(handle_t request, handle_t out) {
  int whole = 1;
  result_handle_t body;
  incoming_request_consume(request, &body);
  if (body.is_err) return 1;
  result_handle_t in;
  incoming_body_stream(body.val, &in);
  if (!in.is_err) {
    for (;;) {
      uintptr_t mark = heap_top; /* each chunk is freed once written */
      result_bytes_t r;
      input_stream_blocking_read(in.val, PIECE, &r);
      if (r.is_err) {
        if (r.u.err.tag == 0) { /* last-operation-failed, not closed (the end) */
          io_error_drop(r.u.err.error);
          whole = 0;
        }
        break;
      }
      int ok = write_granted(out, r.u.ok.ptr, r.u.ok.len);
      heap_top = mark;
      if (!ok) break;
    }
    input_stream_drop(in.val);
  }
  incoming_body_drop(body.val);
  return whole;
}

/* ---- export: wasi:http/incoming-handler@0.2.0#handle ---- */

__attribute__((export_name("wasi:http/incoming-handler@0.2.0#handle")))
void handle(handle_t request, handle_t response_out) {
  heap_reset(); /* nothing allocated survives a request */

  method_t m;
  incoming_request_method(request, &m);
  const uint8_t *method;
  size_t method_len;
  if (m.tag < sizeof METHOD_NAMES / sizeof METHOD_NAMES[0]) {
    method = (const uint8_t *)METHOD_NAMES[m.tag];
    method_len = cstrlen(METHOD_NAMES[m.tag]);
  } else {
    method = m.other.ptr;
    method_len = m.other.len;
  }

  option_string_t pq;
  incoming_request_path_with_query(request, &pq);
  const uint8_t *path = (const uint8_t *)"/";
  size_t path_len = 1;
  if (pq.is_some) {
    path = pq.val.ptr;
    path_len = pq.val.len;
  }
  size_t route_len = 0; /* the path without its query */
  while (route_len < path_len && path[route_len] != '?') route_len++;

  if (bytes_eq(path, route_len, "/trap")) __builtin_trap();
  int echo = bytes_eq(path, route_len, "/echo");
  int bytes = bytes_eq(path, route_len, "/bytes");
  uint32_t bytes_n = 0;
  int status = 200;
  if (bytes && !query_n(path + route_len + (route_len < path_len),
                        path_len - route_len - (route_len < path_len), &bytes_n)) {
    bytes = 0;
    status = 400;
  }

  handle_t headers = fields_new();
  append_header(headers, "content-type", bytes ? "application/octet-stream" : "text/plain");
  append_header(headers, "x-wasm-lang", "c");
  handle_t response = outgoing_response_new(headers); /* takes the fields */
  outgoing_response_set_status_code(response, status);
  result_handle_t body, out;
  outgoing_response_body(response, &body);
  outgoing_body_write(body.val, &out);

  /* Send status and headers before the body, so the body can stream. */
  response_outparam_set(response_out, 0, response, 0, 0, 0, 0, 0, 0);

  if (bytes) {
    write_pattern(out.val, bytes_n);
  } else if (status == 400) {
    static const char bad_n[] = "bad request: expected /bytes?n=N, N from 0 to 1073741824\n";
    write_all(out.val, (const uint8_t *)bad_n, sizeof bad_n - 1);
  } else if (echo) {
    if (!echo_body(request, out.val)) {
      /* Return with the body unfinished: the host aborts the response. */
      output_stream_drop(out.val);
      incoming_request_drop(request);
      return;
    }
  } else {
    static const char prefix[] = "hello from C: ";
    size_t len = sizeof prefix - 1 + method_len + 1 + path_len + 1;
    uint8_t *text = cabi_realloc(NULL, 0, 1, len);
    uint8_t *p = text;
    for (size_t i = 0; i < sizeof prefix - 1; i++) *p++ = (uint8_t)prefix[i];
    for (size_t i = 0; i < method_len; i++) *p++ = method[i];
    *p++ = ' ';
    for (size_t i = 0; i < path_len; i++) *p++ = path[i];
    *p++ = '\n';
    write_all(out.val, text, len);
  }

  output_stream_drop(out.val); /* the stream must go before finish */
  result_error_code_t fin;
  outgoing_body_finish(body.val, 0, 0, &fin);
  incoming_request_drop(request);
}
