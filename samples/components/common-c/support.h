/*
 * support.h: the freestanding C samples' memory (the bump allocator behind
 * cabi_realloc) and small string helpers. Included once per component, after
 * wasi_http.h. The helpers are `static inline` so that a component that does
 * not use one compiles without an unused-function warning (-Werror).
 */
#ifndef COMMON_C_SUPPORT_H
#define COMMON_C_SUPPORT_H

/* ---- memory: a bump allocator the host calls through cabi_realloc ---- */

extern uint8_t __heap_base;
static uintptr_t heap_top;

/* When set, the next allocation of at most `arena_cap` bytes is served here:
   `input-stream.read` puts its bytes straight into a pump's fixed buffer
   (forward.h). */
static uint8_t *arena;
static size_t arena_cap;

static inline void heap_reset(void) { heap_top = (uintptr_t)&__heap_base; }

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

static inline size_t cstrlen(const char *s) { size_t n = 0; while (s[n]) n++; return n; }

static inline uint8_t lower(uint8_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

/* Whether a[0..alen) starts with the ASCII text b, ignoring case. */
static inline int starts_with_ci(const uint8_t *a, size_t alen, const char *b) {
  size_t blen = cstrlen(b);
  if (alen < blen) return 0;
  for (size_t i = 0; i < blen; i++) if (lower(a[i]) != lower((uint8_t)b[i])) return 0;
  return 1;
}

/* Whether a[0..alen) is exactly the ASCII text b. */
static inline int bytes_eq(const uint8_t *a, size_t alen, const char *b) {
  if (alen != cstrlen(b)) return 0;
  for (size_t i = 0; i < alen; i++) if (a[i] != (uint8_t)b[i]) return 0;
  return 1;
}

/* Appends text to a buffer being built in the bump heap. */
typedef struct { uint8_t *ptr; size_t len; } text_t;

static inline text_t text_new(size_t cap) {
  text_t t = { cabi_realloc(NULL, 0, 1, cap), 0 };
  return t;
}

static inline void text_add(text_t *t, const uint8_t *s, size_t n) {
  for (size_t i = 0; i < n; i++) t->ptr[t->len++] = s[i];
}

static inline void text_addz(text_t *t, const char *s) { text_add(t, (const uint8_t *)s, cstrlen(s)); }

#endif
