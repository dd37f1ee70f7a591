/*
 * hostile-c: a wasi:http/proxy@0.2.0 component in freestanding C that misbehaves
 * on purpose, one way per route, so a host can prove that a guest harms only its
 * own request. Routes match the path without its query:
 *
 *   /hi           -> 200 "hi\n" (well-behaved)
 *   /loop         -> computes forever (a volatile counter: no call, no import)
 *   /grow         -> memory.grow by one page at a time without end, writing to
 *                    each new page; traps when grow returns -1
 *   /trap         -> `unreachable` before any response is set
 *   /no-response  -> returns without response-outparam.set
 *   /unfinished   -> sets a 200, writes part of a body, returns without
 *                    outgoing-body.finish
 *   /poll-forever -> polls a monotonic-clock pollable due in one day (if the
 *                    poll ever returns early: 200 "woke\n", which a host test
 *                    reports as a failure)
 *   /leak         -> constructs fields without end and never drops them, until
 *                    the host refuses (a trap)
 *   anything else -> 404 "not found\n"
 */
#include "../common-c/wasi_http.h"
#include "../common-c/support.h"

#define WASM_PAGE 65536u
#define ONE_DAY_NS (86400ull * 1000000000ull)

/* A loop the optimizer must keep: every step is a volatile store. */
static void loop_forever(void) {
  volatile uint32_t counter = 0;
  for (;;) counter++;
}

/* Grows memory one page at a time, touching each page so that it is really
   there, until the host says no. */
static void grow_forever(void) {
  for (;;) {
    size_t old_pages = __builtin_wasm_memory_grow(0, 1);
    if (old_pages == (size_t)-1) __builtin_trap();
    volatile uint8_t *page = (volatile uint8_t *)(old_pages * WASM_PAGE);
    page[0] = 1;
    page[WASM_PAGE - 1] = 1;
  }
}

/* Keeps every handle it makes, so the host's resource table only grows. */
static void leak_forever(void) {
  for (;;) fields_new();
}

/* Waits on a timer due in a day; returns only if the host wakes it early. */
static void poll_forever(void) {
  handle_t timer = monotonic_clock_subscribe_duration(ONE_DAY_NS);
  bytes_t ready;
  poll(&timer, 1, &ready);
}

/* ---- sending a whole response ---- */

static void append_header(handle_t fields, const char *name, const char *value) {
  result_unit_u8_t r;
  fields_append(fields, (const uint8_t *)name, cstrlen(name),
                (const uint8_t *)value, cstrlen(value), &r);
}

/* A response being sent: its body and the body's output stream. */
typedef struct { handle_t body; handle_t out; } sending_t;

/* Sets a text/plain response with `status` and returns its body and stream. */
static sending_t respond(handle_t response_out, int status) {
  handle_t headers = fields_new();
  append_header(headers, "content-type", "text/plain");
  append_header(headers, "x-wasm-lang", "c");
  handle_t response = outgoing_response_new(headers); /* takes the fields */
  outgoing_response_set_status_code(response, status);
  result_handle_t body, out;
  outgoing_response_body(response, &body);
  outgoing_body_write(body.val, &out);
  response_outparam_set(response_out, 0, response, 0, 0, 0, 0, 0, 0);
  sending_t s = { body.val, out.val };
  return s;
}

/* Writes text (at most 4096 bytes, what blocking-write-and-flush accepts). */
static void write_text(const sending_t *s, const char *text) {
  result_stream_t r;
  output_stream_blocking_write_and_flush(s->out, (const uint8_t *)text, cstrlen(text), &r);
  if (r.is_err && r.err.tag == 0) io_error_drop(r.err.error);
}

/* Ends the body cleanly: the stream goes first, then outgoing-body.finish. */
static void finish(const sending_t *s) {
  output_stream_drop(s->out);
  ret_area_t fin; /* result<_, error-code>: not read */
  outgoing_body_finish(s->body, 0, 0, &fin);
}

/* ---- export: wasi:http/incoming-handler@0.2.0#handle ---- */

__attribute__((export_name("wasi:http/incoming-handler@0.2.0#handle")))
void handle(handle_t request, handle_t response_out) {
  heap_reset(); /* nothing allocated survives a request */

  option_string_t pq;
  incoming_request_path_with_query(request, &pq);
  const uint8_t *path = pq.is_some ? pq.val.ptr : (const uint8_t *)"/";
  size_t path_len = pq.is_some ? pq.val.len : 1;
  size_t route = 0; /* the path without its query */
  while (route < path_len && path[route] != '?') route++;

  if (bytes_eq(path, route, "/loop")) loop_forever();
  if (bytes_eq(path, route, "/grow")) grow_forever();
  if (bytes_eq(path, route, "/trap")) __builtin_trap();
  if (bytes_eq(path, route, "/leak")) leak_forever();
  if (bytes_eq(path, route, "/no-response")) return;

  sending_t s;
  if (bytes_eq(path, route, "/unfinished")) {
    s = respond(response_out, 200);
    write_text(&s, "the rest of this body never comes\n");
    return; /* neither the stream dropped nor the body finished */
  }
  if (bytes_eq(path, route, "/poll-forever")) {
    poll_forever();
    s = respond(response_out, 200);
    write_text(&s, "woke\n");
  } else if (bytes_eq(path, route, "/hi")) {
    s = respond(response_out, 200);
    write_text(&s, "hi\n");
  } else {
    s = respond(response_out, 404);
    write_text(&s, "not found\n");
  }
  finish(&s);
  incoming_request_drop(request);
}
