;; A wasi:http/proxy@0.2.0 handler that never ends by itself, for the request deadline, the
;; concurrency limit and shutdown: its request method picks how it holds the thread.
;;   GET      computes forever before responding; the loop's back-edge is a br_if
;;   HEAD     the same with a br back-edge
;;   OPTIONS  the same with a br_table back-edge
;;   POST     polls (wasi:io/poll.poll) a wasi:clocks/monotonic-clock timer of one day
;;   DELETE   sets a 200 response, writes and flushes "started\n", then computes forever
;;   PUT      sets a 200 response, then writes-and-flushes one byte after another forever,
;;            ignoring failures (an error handle it is given is dropped, so none pile up)
;;   TRACE    sets a 200 response and finishes its empty body: the one quick answer
;; The core module is written here; the component shell names only what it uses.
(component $C
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type $p (sub resource)))
    (export "poll" (func (param "in" (list (borrow $p))) (result (list u32))))))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $clock
    (alias outer $C $pollable (type $p))
    (export "pollable" (type $p2 (eq $p)))
    (export "subscribe-duration" (func (param "when" u64) (result (own $p2))))))
  (import "wasi:io/error@0.2.0" (instance $io-error
    (export "error" (type (sub resource)))))
  (alias export $io-error "error" (type $error))
  (import "wasi:io/streams@0.2.0" (instance $streams
    (alias outer $C $error (type $e))
    (export "error" (type $e2 (eq $e)))
    (export "output-stream" (type $os (sub resource)))
    (type $se (variant (case "last-operation-failed" (own $e2)) (case "closed")))
    (export "stream-error" (type $se2 (eq $se)))
    (export "[method]output-stream.blocking-write-and-flush"
      (func (param "self" (borrow $os)) (param "contents" (list u8))
        (result (result (error $se2)))))))
  (alias export $streams "output-stream" (type $output-stream))
  (import "wasi:http/types@0.2.0" (instance $http
    (export "fields" (type $fields (sub resource)))
    (export "incoming-request" (type $incoming-request (sub resource)))
    (type $m (variant (case "get") (case "head") (case "post") (case "put") (case "delete")
      (case "connect") (case "options") (case "trace") (case "patch") (case "other" string)))
    (export "method" (type $method (eq $m)))
    (export "response-outparam" (type $response-outparam (sub resource)))
    (export "outgoing-response" (type $outgoing-response (sub resource)))
    (export "outgoing-body" (type $outgoing-body (sub resource)))
    (type $dns (record (field "rcode" (option string)) (field "info-code" (option u16))))
    (export "DNS-error-payload" (type $dns2 (eq $dns)))
    (type $tls (record (field "alert-id" (option u8)) (field "alert-message" (option string))))
    (export "TLS-alert-received-payload" (type $tls2 (eq $tls)))
    (type $fsp (record (field "field-name" (option string)) (field "field-size" (option u32))))
    (export "field-size-payload" (type $fsp2 (eq $fsp)))
    (type $ec (variant (case "DNS-timeout") (case "DNS-error" $dns2)
      (case "destination-not-found") (case "destination-unavailable")
      (case "destination-IP-prohibited") (case "destination-IP-unroutable")
      (case "connection-refused") (case "connection-terminated") (case "connection-timeout")
      (case "connection-read-timeout") (case "connection-write-timeout")
      (case "connection-limit-reached") (case "TLS-protocol-error") (case "TLS-certificate-error")
      (case "TLS-alert-received" $tls2) (case "HTTP-request-denied")
      (case "HTTP-request-length-required") (case "HTTP-request-body-size" (option u64))
      (case "HTTP-request-method-invalid") (case "HTTP-request-URI-invalid")
      (case "HTTP-request-URI-too-long") (case "HTTP-request-header-section-size" (option u32))
      (case "HTTP-request-header-size" (option $fsp2))
      (case "HTTP-request-trailer-section-size" (option u32))
      (case "HTTP-request-trailer-size" $fsp2) (case "HTTP-response-incomplete")
      (case "HTTP-response-header-section-size" (option u32))
      (case "HTTP-response-header-size" $fsp2) (case "HTTP-response-body-size" (option u64))
      (case "HTTP-response-trailer-section-size" (option u32))
      (case "HTTP-response-trailer-size" $fsp2)
      (case "HTTP-response-transfer-coding" (option string))
      (case "HTTP-response-content-coding" (option string)) (case "HTTP-response-timeout")
      (case "HTTP-upgrade-failed") (case "HTTP-protocol-error") (case "loop-detected")
      (case "configuration-error") (case "internal-error" (option string))))
    (export "error-code" (type $error-code (eq $ec)))
    (alias outer $C $output-stream (type $os))
    (export "output-stream" (type $os2 (eq $os)))
    (export "headers" (type $headers (eq $fields)))
    (export "trailers" (type $trailers (eq $fields)))
    (export "[constructor]fields" (func (result (own $fields))))
    (export "[method]incoming-request.method"
      (func (param "self" (borrow $incoming-request)) (result $method)))
    (export "[static]response-outparam.set"
      (func (param "param" (own $response-outparam))
        (param "response" (result (own $outgoing-response) (error $error-code)))))
    (export "[constructor]outgoing-response"
      (func (param "headers" (own $headers)) (result (own $outgoing-response))))
    (export "[method]outgoing-response.body"
      (func (param "self" (borrow $outgoing-response)) (result (result (own $outgoing-body)))))
    (export "[method]outgoing-body.write"
      (func (param "self" (borrow $outgoing-body)) (result (result (own $os2)))))
    (export "[static]outgoing-body.finish"
      (func (param "this" (own $outgoing-body)) (param "trailers" (option (own $trailers)))
        (result (result (error $error-code)))))))
  (alias export $http "incoming-request" (type $incoming-request))
  (alias export $http "response-outparam" (type $response-outparam))

  (core module $Mem
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p)))
  (core instance $mem (instantiate $Mem))

  (alias export $poll "poll" (func $poll-fn))
  (alias export $clock "subscribe-duration" (func $subscribe-fn))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write-flush-fn))
  (alias export $http "[method]incoming-request.method" (func $method-fn))
  (alias export $http "[constructor]fields" (func $fields-new-fn))
  (alias export $http "[constructor]outgoing-response" (func $response-new-fn))
  (alias export $http "[method]outgoing-response.body" (func $response-body-fn))
  (alias export $http "[method]outgoing-body.write" (func $body-write-fn))
  (alias export $http "[static]outgoing-body.finish" (func $body-finish-fn))
  (alias export $http "[static]response-outparam.set" (func $outparam-set-fn))

  (core func $poll-core (canon lower (func $poll-fn)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $subscribe (canon lower (func $subscribe-fn)))
  (core func $write-flush (canon lower (func $write-flush-fn) (memory (core memory $mem "memory"))))
  (core func $method (canon lower (func $method-fn)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc")) string-encoding=utf8))
  (core func $fields-new (canon lower (func $fields-new-fn)))
  (core func $response-new (canon lower (func $response-new-fn)))
  (core func $response-body (canon lower (func $response-body-fn) (memory (core memory $mem "memory"))))
  (core func $body-write (canon lower (func $body-write-fn) (memory (core memory $mem "memory"))))
  (core func $body-finish (canon lower (func $body-finish-fn)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc")) string-encoding=utf8))
  (core func $outparam-set (canon lower (func $outparam-set-fn)
    (memory (core memory $mem "memory")) string-encoding=utf8))
  (core func $drop-request (canon resource.drop $incoming-request))
  (core func $drop-error (canon resource.drop $error))

  (core module $M
    (import "m" "memory" (memory 1))
    (import "h" "poll" (func $poll (param i32 i32 i32)))
    (import "h" "subscribe" (func $subscribe (param i64) (result i32)))
    (import "h" "write-flush" (func $write_flush (param i32 i32 i32 i32)))
    (import "h" "method" (func $method (param i32 i32)))
    (import "h" "fields-new" (func $fields_new (result i32)))
    (import "h" "response-new" (func $response_new (param i32) (result i32)))
    (import "h" "response-body" (func $response_body (param i32 i32)))
    (import "h" "body-write" (func $body_write (param i32 i32)))
    (import "h" "body-finish" (func $body_finish (param i32 i32 i32 i32)))
    (import "h" "outparam-set" (func $outparam_set (param i32 i32 i32 i32 i64 i32 i32 i32 i32)))
    (import "h" "drop-request" (func $drop_request (param i32)))
    (import "h" "drop-error" (func $drop_error (param i32)))
    (data (i32.const 256) "started\n")
    (func (export "handle") (param $req i32) (param $out i32)
      (local $tag i32) (local $resp i32) (local $body i32) (local $stream i32)
      (call $method (local.get $req) (i32.const 64))
      (local.set $tag (i32.load8_u (i32.const 64)))
      (call $drop_request (local.get $req))
      ;; GET, HEAD, OPTIONS: compute forever, looping by br_if, br and br_table.
      (if (i32.eq (local.get $tag) (i32.const 0))
        (then (loop $spin (br_if $spin (i32.const 1)))))
      (if (i32.eq (local.get $tag) (i32.const 1))
        (then (loop $spin (br $spin))))
      (if (i32.eq (local.get $tag) (i32.const 6))
        (then (loop $spin (br_table $spin $spin (i32.const 0)))))
      ;; POST: poll a timer of one day (86400 s in nanoseconds).
      (if (i32.eq (local.get $tag) (i32.const 2))
        (then
          (i32.store (i32.const 16) (call $subscribe (i64.const 86400000000000)))
          (call $poll (i32.const 16) (i32.const 1) (i32.const 32))
          unreachable))
      ;; The others set a 200 response first; its body handle is the i32 at 84.
      (local.set $resp (call $response_new (call $fields_new)))
      (call $response_body (local.get $resp) (i32.const 80))
      (local.set $body (i32.load (i32.const 84)))
      (call $outparam_set (local.get $out) (i32.const 0) (local.get $resp) (i32.const 0)
        (i64.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
      ;; TRACE: finish the empty body.
      (if (i32.eq (local.get $tag) (i32.const 7))
        (then
          (call $body_finish (local.get $body) (i32.const 0) (i32.const 0) (i32.const 96))
          (return)))
      (call $body_write (local.get $body) (i32.const 80))
      (local.set $stream (i32.load (i32.const 84)))
      ;; PUT: one byte after another, forever. The result is at 96: a failure (1) whose
      ;; stream-error (at 100) is last-operation-failed (0) carries an error handle (at 104).
      (if (i32.eq (local.get $tag) (i32.const 3))
        (then
          (loop $write
            (call $write_flush (local.get $stream) (i32.const 256) (i32.const 1) (i32.const 96))
            (if (i32.and (i32.eq (i32.load8_u (i32.const 96)) (i32.const 1))
                         (i32.eqz (i32.load8_u (i32.const 100))))
              (then (call $drop_error (i32.load (i32.const 104)))))
            (br $write))))
      ;; DELETE (and any other method): "started\n", then compute forever.
      (call $write_flush (local.get $stream) (i32.const 256) (i32.const 8) (i32.const 96))
      (loop $spin (br_if $spin (i32.const 1)))))
  (core instance $m (instantiate $M
    (with "m" (instance $mem))
    (with "h" (instance
      (export "poll" (func $poll-core))
      (export "subscribe" (func $subscribe))
      (export "write-flush" (func $write-flush))
      (export "method" (func $method))
      (export "fields-new" (func $fields-new))
      (export "response-new" (func $response-new))
      (export "response-body" (func $response-body))
      (export "body-write" (func $body-write))
      (export "body-finish" (func $body-finish))
      (export "outparam-set" (func $outparam-set))
      (export "drop-request" (func $drop-request))
      (export "drop-error" (func $drop-error))))))

  (func $handle (param "request" (own $incoming-request))
    (param "response-out" (own $response-outparam))
    (canon lift (core func $m "handle")))
  (instance $handler (export "handle" (func $handle)))
  (export "wasi:http/incoming-handler@0.2.0" (instance $handler)))
