/*
 * filter-c: a wasi:http/proxy@0.2.0 component in freestanding C that guards
 * what is behind it, as a servlet filter (WasiHttpFilter) runs it: it checks a
 * bearer token, then forwards the request to its own origin (the incoming
 * request's scheme and authority), where the host serves it in process with
 * whatever is behind the filter, and streams the answer back with one header
 * added. Everything but the checks and the destination is shared with proxy-c
 * (the pumps, the non-blocking loop, the 502 answers): ../common-c/forward.h.
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
#include "../common-c/forward.h"

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

/* Answers `status` with `msg` instead of forwarding; a 401 asks for a bearer token. */
static void reject(handle_t outparam, handle_t request, int status, const char *msg) {
  respond_text(outparam, status, status == 401 ? "www-authenticate" : NULL, "Bearer",
               (const uint8_t *)msg, cstrlen(msg));
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

  int send_body = has_body(in_headers, &m);
  handle_t oreq = outgoing_request_for(request, outparam, in_headers, DROPPED_HEADERS,
                                       sizeof DROPPED_HEADERS / sizeof DROPPED_HEADERS[0], &m, &pq);
  if (oreq < 0) return;
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
  send_request(request, outparam, oreq, send_body, -1, "x-filtered-by", "wasm");
}
