/*
 * A wasi:http/proxy@0.2.0 component in C with wasi-libc. libc talks WASI
 * preview1 (fd_write, environ_get); `jco new --wasi-reactor` applies the
 * preview1 adapter, which turns those calls into wasi:cli/stdout,
 * wasi:cli/environment, ... imports. The HTTP imports are declared by hand
 * with their canonical-ABI core signatures, as in ../hello-c.
 *
 *   GET  /anything  -> 200 "hello from C (wasi-libc): GET /anything\n"
 *                      ("hello" is replaced by $GREETING when it is set)
 *   ANY  /echo      -> 200, streams the request body back in 4096-byte chunks
 *   ANY  /trap      -> executes `unreachable` before any response is set
 * Every request prints one line to stdout: "handled GET /anything".
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT(module, name) \
  __attribute__((import_module(module), import_name(name)))
#define HTTP "wasi:http/types@0.2.0"
#define STREAMS "wasi:io/streams@0.2.0"

typedef int32_t handle_t;

/* Canonical ABI layouts of results returned through a pointer. */
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;                   /* string, list<u8> */
typedef struct { uint8_t tag; bytes_t other; } method_t;                  /* method variant */
typedef struct { uint8_t is_some; bytes_t val; } option_string_t;         /* option<string> */
typedef struct { uint8_t is_err; handle_t val; } result_handle_t;         /* result<own<T>> */
typedef struct { uint8_t is_err; uint8_t err; } result_unit_u8_t;         /* result<_, header-error> */
typedef struct { uint8_t tag; handle_t error; } stream_error_t;           /* stream-error */
typedef struct {                                                          /* result<list<u8>, stream-error> */
  uint8_t is_err;
  union { bytes_t ok; stream_error_t err; } u;
} result_bytes_t;
typedef struct { uint8_t is_err; stream_error_t err; } result_stream_t;   /* result<_, stream-error> */
typedef struct { uint8_t is_err; uint8_t rest[39]; } __attribute__((aligned(8))) result_error_code_t;

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
void fields_append(handle_t self, const char *name, uint32_t name_len,
                   const char *value, uint32_t value_len, result_unit_u8_t *ret);
IMPORT(HTTP, "[constructor]outgoing-response")
handle_t outgoing_response_new(handle_t headers);
IMPORT(HTTP, "[method]outgoing-response.set-status-code")
int32_t outgoing_response_set_status_code(handle_t self, int32_t status);
IMPORT(HTTP, "[method]outgoing-response.body")
void outgoing_response_body(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[method]outgoing-body.write")
void outgoing_body_write(handle_t self, result_handle_t *ret);
IMPORT(HTTP, "[static]outgoing-body.finish")
void outgoing_body_finish(handle_t self, int32_t trailers_is_some, handle_t trailers,
                          result_error_code_t *ret);
/* result<outgoing-response, error-code> flattened: discriminant + i32 i64 i32 i32 i32 i32 */
IMPORT(HTTP, "[static]response-outparam.set")
void response_outparam_set(handle_t param, int32_t is_err, int32_t p0, int32_t p1,
                           int64_t p2, int32_t p3, int32_t p4, int32_t p5, int32_t p6);
IMPORT(HTTP, "[resource-drop]incoming-request")
void incoming_request_drop(handle_t self);
IMPORT(HTTP, "[resource-drop]incoming-body")
void incoming_body_drop(handle_t self);
IMPORT(STREAMS, "[method]input-stream.blocking-read")
void input_stream_blocking_read(handle_t self, uint64_t len, result_bytes_t *ret);
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void output_stream_blocking_write_and_flush(handle_t self, const uint8_t *buf,
                                            uint32_t len, result_stream_t *ret);
IMPORT(STREAMS, "[resource-drop]input-stream")
void input_stream_drop(handle_t self);
IMPORT(STREAMS, "[resource-drop]output-stream")
void output_stream_drop(handle_t self);
IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void io_error_drop(handle_t self);

/* The host allocates returned strings and lists through this export. */
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, size_t old_size, size_t align, size_t new_size) {
  (void)old_size;
  (void)align; /* malloc's 16-byte alignment covers every canonical ABI type */
  /* Never hand out a dummy pointer, even for empty lists: callers free() them. */
  if (new_size == 0) new_size = 1;
  void *p = old_ptr != NULL ? realloc(old_ptr, new_size) : malloc(new_size);
  if (p == NULL) abort();
  return p;
}

#define MAX_WRITE 4096 /* blocking-write-and-flush accepts at most 4096 bytes */

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

static void append_header(handle_t fields, const char *name, const char *value) {
  result_unit_u8_t r;
  fields_append(fields, name, strlen(name), value, strlen(value), &r);
}

static void echo_body(handle_t request, handle_t out) {
  result_handle_t body;
  incoming_request_consume(request, &body);
  if (body.is_err) return;
  result_handle_t in;
  incoming_body_stream(body.val, &in);
  if (!in.is_err) {
    for (;;) {
      result_bytes_t r;
      input_stream_blocking_read(in.val, MAX_WRITE, &r);
      if (r.is_err) {
        if (r.u.err.tag == 0) io_error_drop(r.u.err.error);
        break; /* closed: end of body */
      }
      int ok = write_all(out, r.u.ok.ptr, r.u.ok.len);
      free(r.u.ok.ptr);
      if (!ok) break;
    }
    input_stream_drop(in.val);
  }
  incoming_body_drop(body.val);
}

static const char *const METHOD_NAMES[] = {
  "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH",
};

__attribute__((export_name("wasi:http/incoming-handler@0.2.0#handle")))
void handle(handle_t request, handle_t response_out) {
  method_t m;
  incoming_request_method(request, &m);
  char *method;
  if (m.tag < sizeof METHOD_NAMES / sizeof METHOD_NAMES[0]) {
    method = strdup(METHOD_NAMES[m.tag]);
  } else {
    method = strndup((const char *)m.other.ptr, m.other.len);
    free(m.other.ptr);
  }

  option_string_t pq;
  incoming_request_path_with_query(request, &pq);
  char *path = pq.is_some ? strndup((const char *)pq.val.ptr, pq.val.len) : strdup("/");
  if (pq.is_some) free(pq.val.ptr);
  size_t route_len = strcspn(path, "?");

  if (route_len == 5 && strncmp(path, "/trap", 5) == 0) __builtin_trap();
  int echo = route_len == 5 && strncmp(path, "/echo", 5) == 0;

  handle_t headers = fields_new();
  append_header(headers, "content-type", "text/plain");
  append_header(headers, "x-wasm-lang", "c");
  handle_t response = outgoing_response_new(headers);
  outgoing_response_set_status_code(response, 200);
  result_handle_t body, out;
  outgoing_response_body(response, &body);
  outgoing_body_write(body.val, &out);
  response_outparam_set(response_out, 0, response, 0, 0, 0, 0, 0, 0);

  if (echo) {
    echo_body(request, out.val);
  } else {
    const char *greeting = getenv("GREETING");
    if (greeting == NULL) greeting = "hello";
    int len = snprintf(NULL, 0, "%s from C (wasi-libc): %s %s\n", greeting, method, path);
    char *text = malloc((size_t)len + 1);
    snprintf(text, (size_t)len + 1, "%s from C (wasi-libc): %s %s\n", greeting, method, path);
    write_all(out.val, (const uint8_t *)text, (size_t)len);
    free(text);
  }

  output_stream_drop(out.val);
  result_error_code_t fin;
  outgoing_body_finish(body.val, 0, 0, &fin);
  incoming_request_drop(request);

  printf("handled %s %s\n", method, path);
  fflush(stdout);
  free(method);
  free(path);
}
