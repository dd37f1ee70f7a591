/*
 * support.h: hostile-c's memory (the bump allocator behind cabi_realloc) and
 * small helpers to send a whole response. Included once, by hostile.c, after
 * wasi_http.h.
 */
#ifndef HOSTILE_C_SUPPORT_H
#define HOSTILE_C_SUPPORT_H

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

/* ---- small helpers ---- */

static size_t cstrlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

/* Whether a[0..alen) is exactly the ASCII text b. */
static int bytes_eq(const uint8_t *a, size_t alen, const char *b) {
  if (alen != cstrlen(b)) return 0;
  for (size_t i = 0; i < alen; i++) if (a[i] != (uint8_t)b[i]) return 0;
  return 1;
}

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
  result_error_code_t fin;
  outgoing_body_finish(s->body, 0, 0, &fin);
}

#endif
