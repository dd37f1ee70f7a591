/*
 * wasi_http.h: what hostile-c imports, declared by hand: each function's core
 * signature under the canonical ABI (as `jco embed --dummy` + `jco print`
 * show them), and the layouts of results the host writes through a return
 * pointer. Included once, by hostile.c.
 */
#ifndef HOSTILE_C_WASI_HTTP_H
#define HOSTILE_C_WASI_HTTP_H

#include <stdint.h>
#include <stddef.h>

#define IMPORT(module, name) \
  __attribute__((import_module(module), import_name(name)))
#define HTTP "wasi:http/types@0.2.0"
#define STREAMS "wasi:io/streams@0.2.0"

typedef int32_t handle_t;

/* ---- canonical ABI layouts of results received through a return pointer ---- */

/* string / list<u8> / list<u32>: (ptr, len) */
typedef struct { uint8_t *ptr; uint32_t len; } bytes_t;

/* option<string>: u8 discriminant, string at offset 4. */
typedef struct { uint8_t is_some; bytes_t val; } option_string_t;

/* result<own<T>, _>: u8 discriminant (0 ok), handle at offset 4. */
typedef struct { uint8_t is_err; handle_t val; } result_handle_t;

/* result<_, header-error> */
typedef struct { uint8_t is_err; uint8_t err; } result_unit_u8_t;

/* stream-error: variant { last-operation-failed(own<error>), closed }. */
typedef struct { uint8_t tag; handle_t error; } stream_error_t;

/* result<_, stream-error> */
typedef struct { uint8_t is_err; stream_error_t err; } result_stream_t;

/* result<_, error-code>: only the discriminant is read; error-code's payload
   reaches 24 bytes at offset 8 (8-byte alignment). */
typedef struct { _Alignas(8) uint8_t is_err; uint8_t rest[39]; } result_error_code_t;

_Static_assert(sizeof(option_string_t) == 12, "option<string> layout");
_Static_assert(sizeof(result_stream_t) == 12, "result<_,stream-error> layout");

/* ---- imports: wasi:http/types@0.2.0 ---- */
IMPORT(HTTP, "[method]incoming-request.path-with-query")
void incoming_request_path_with_query(handle_t self, option_string_t *ret);
IMPORT(HTTP, "[resource-drop]incoming-request")
void incoming_request_drop(handle_t self);

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
/* finish(this, trailers: option<trailers>): the option flattens to (is-some, handle). */
IMPORT(HTTP, "[static]outgoing-body.finish")
void outgoing_body_finish(handle_t self, int32_t trailers_is_some, handle_t trailers,
                          result_error_code_t *ret);

/* set(param, response: result<outgoing-response, error-code>): a discriminant
   plus the join of both payloads' flat types, i32 i32 i64 i32 i32 i32 i32
   (error-code's widest case); ok(response) puts the handle first. */
IMPORT(HTTP, "[static]response-outparam.set")
void response_outparam_set(handle_t param, int32_t is_err, int32_t p0, int32_t p1,
                           int64_t p2, int32_t p3, int32_t p4, int32_t p5, int32_t p6);

/* ---- imports: wasi:io and wasi:clocks ---- */
IMPORT(STREAMS, "[method]output-stream.blocking-write-and-flush")
void output_stream_blocking_write_and_flush(handle_t self, const uint8_t *buf,
                                            uint32_t len, result_stream_t *ret);
IMPORT(STREAMS, "[resource-drop]output-stream")
void output_stream_drop(handle_t self);
IMPORT("wasi:io/error@0.2.0", "[resource-drop]error")
void io_error_drop(handle_t self);

/* subscribe-duration(when: duration) -> own<pollable>; a duration is u64 nanoseconds. */
IMPORT("wasi:clocks/monotonic-clock@0.2.0", "subscribe-duration")
handle_t monotonic_clock_subscribe_duration(uint64_t ns);
/* poll(list<borrow<pollable>>) -> list<u32> */
IMPORT("wasi:io/poll@0.2.0", "poll")
void poll(const handle_t *pollables, uint32_t len, bytes_t *ret);

#endif
