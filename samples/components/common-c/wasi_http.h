/*
 * wasi_http.h: what the freestanding C samples (proxy-c, filter-c, hostile-c)
 * import, declared by hand: each function's core signature under the canonical
 * ABI (as `jco embed --dummy` + `jco print` show them), and the layouts of
 * results the host writes through a return pointer. A declaration nobody calls
 * costs nothing: wasm-ld imports only the functions a module calls, so each
 * component's world names only what its own code uses. Included first, once
 * per component.
 */
#ifndef COMMON_C_WASI_HTTP_H
#define COMMON_C_WASI_HTTP_H

#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) \
  __attribute__((import_module(module), import_name(name)))
#define HTTP "wasi:http/types@0.2.0"
#define STREAMS "wasi:io/streams@0.2.0"
#define POLL "wasi:io/poll@0.2.0"

typedef int32_t handle_t;

/* ---- canonical ABI layouts of results received through a return pointer ---- */

/* string / list<u8> / list<u32>: (ptr, len) */
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;

/* method: variant { get, head, post, put, delete, connect, options, trace,
   patch, other(string) }: u8 discriminant, payload at offset 4. */
typedef struct { uint8_t tag; bytes_t other; } method_t;
enum { M_GET, M_HEAD, M_POST, M_PUT, M_DELETE, M_CONNECT, M_OPTIONS, M_TRACE, M_PATCH, M_OTHER };

/* option<string>: u8 discriminant, string at offset 4. */
typedef struct { uint8_t is_some; bytes_t val; } option_string_t;

/* option<scheme>; scheme is variant { HTTP, HTTPS, other(string) }:
   the option's discriminant at 0, the scheme's at 4, its string at 8. */
typedef struct { uint8_t is_some; struct { uint8_t tag; bytes_t other; } val; } option_scheme_t;
enum { S_HTTP, S_HTTPS, S_OTHER };

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
_Static_assert(sizeof(option_string_t) == 12, "option<string> layout");
_Static_assert(sizeof(option_scheme_t) == 16, "option<scheme> layout");
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
IMPORT(HTTP, "[method]incoming-request.scheme")
void incoming_request_scheme(handle_t self, option_scheme_t *ret);
IMPORT(HTTP, "[method]incoming-request.authority")
void incoming_request_authority(handle_t self, option_string_t *ret);
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

/* ---- imports: wasi:io and wasi:clocks ---- */
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

/* subscribe-duration(when: duration) -> own<pollable>; a duration is u64 nanoseconds. */
IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration")
handle_t monotonic_clock_subscribe_duration(uint64_t ns);

/* ---- imports: wasi:cli/environment@0.2.0 ---- */
/* get-environment() -> list<tuple<string, string>>: 16 bytes per entry. */
typedef struct { bytes_t name; bytes_t value; } env_entry_t;
IMPORT("wasi:cli/environment@0.2.0", "get-environment")
void get_environment(bytes_t *ret);

#endif
