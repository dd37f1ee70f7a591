;; A component that calls the WASI host through the canonical ABI, as real guests do, importing
;; at 0.2.0 (the host registers 0.2.12): wasi:random (u64, list<u8>), wasi:clocks with a
;; pollable handed out as own and polled as a list of borrows, wasi:io/poll (list<u32> back),
;; wasi:cli/environment (list<tuple<string, string>> back) and wasi:cli/exit (unwinds the guest).
(component $C
  (import "wasi:io/poll@0.2.0" (instance $poll
    (export "pollable" (type $p (sub resource)))
    (export "poll" (func (param "in" (list (borrow $p))) (result (list u32))))
  ))
  (alias export $poll "pollable" (type $pollable))
  (import "wasi:clocks/monotonic-clock@0.2.0" (instance $clock
    (alias outer $C $pollable (type $p))
    (export "pollable" (type $p2 (eq $p)))
    (export "now" (func (result u64)))
    (export "subscribe-duration" (func (param "when" u64) (result (own $p2))))
  ))
  (import "wasi:random/random@0.2.0" (instance $random
    (export "get-random-bytes" (func (param "len" u64) (result (list u8))))
    (export "get-random-u64" (func (result u64)))
  ))
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-environment" (func (result (list (tuple string string)))))
  ))
  (import "wasi:cli/exit@0.2.0" (instance $exit
    (export "exit" (func (param "status" (result))))
  ))

  (core module $Mem
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
  )
  (core instance $mem (instantiate $Mem))

  (alias export $random "get-random-u64" (func $get-random-u64))
  (alias export $random "get-random-bytes" (func $get-random-bytes))
  (alias export $clock "now" (func $now))
  (alias export $clock "subscribe-duration" (func $subscribe-duration))
  (alias export $poll "poll" (func $poll-fn))
  (alias export $env "get-environment" (func $get-environment))
  (alias export $exit "exit" (func $exit-fn))

  (core func $random-u64 (canon lower (func $get-random-u64)))
  (core func $random-bytes (canon lower (func $get-random-bytes)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $now-core (canon lower (func $now)))
  (core func $subscribe (canon lower (func $subscribe-duration)))
  (core func $poll-core (canon lower (func $poll-fn)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $drop-pollable (canon resource.drop $pollable))
  (core func $exit-core (canon lower (func $exit-fn)))
  (core func $get-env (canon lower (func $get-environment)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))

  (core module $M
    (import "m" "memory" (memory 1))
    (import "h" "random-u64" (func $random_u64 (result i64)))
    (import "h" "random-bytes" (func $random_bytes (param i64 i32)))
    (import "h" "now" (func $now (result i64)))
    (import "h" "subscribe" (func $subscribe (param i64) (result i32)))
    (import "h" "poll" (func $poll (param i32 i32 i32)))
    (import "h" "drop-pollable" (func $drop (param i32)))
    (import "h" "get-env" (func $get_env (param i32)))
    (import "h" "exit" (func $exit (param i32)))
    (func (export "random-u64") (result i64) (call $random_u64))
    ;; random-bytes-len(n) -> u32: the length of the list the host returned
    (func (export "random-bytes-len") (param i64) (result i32)
      (call $random_bytes (local.get 0) (i32.const 64))
      (i32.load (i32.const 68)))
    (func (export "now") (result i64) (call $now))
    ;; sleep(nanos) -> u32: polls one timer; returns the first ready index + 1 (so 1)
    (func (export "sleep") (param $n i64) (result i32)
      (local $h i32) (local $r i32)
      (local.set $h (call $subscribe (local.get $n)))
      (i32.store (i32.const 16) (local.get $h))
      (call $poll (i32.const 16) (i32.const 1) (i32.const 64))
      (local.set $r (i32.add (i32.load (i32.load (i32.const 64))) (i32.const 1)))
      (call $drop (local.get $h))
      (local.get $r))
    ;; quit(failed): exit(ok) or exit(err); never returns
    (func (export "quit") (param $failed i32)
      (call $exit (local.get $failed))
      unreachable)
    ;; env-count() -> u32: how many variables the host returned
    (func (export "env-count") (result i32)
      (call $get_env (i32.const 64))
      (i32.load (i32.const 68)))
  )
  (core instance $m (instantiate $M
    (with "m" (instance $mem))
    (with "h" (instance
      (export "random-u64" (func $random-u64))
      (export "random-bytes" (func $random-bytes))
      (export "now" (func $now-core))
      (export "subscribe" (func $subscribe))
      (export "poll" (func $poll-core))
      (export "drop-pollable" (func $drop-pollable))
      (export "get-env" (func $get-env))
      (export "exit" (func $exit-core))))))

  (func (export "random-u64") (result u64) (canon lift (core func $m "random-u64")))
  (func (export "random-bytes-len") (param "n" u64) (result u32)
    (canon lift (core func $m "random-bytes-len")))
  (func (export "now") (result u64) (canon lift (core func $m "now")))
  (func (export "sleep") (param "nanos" u64) (result u32) (canon lift (core func $m "sleep")))
  (func (export "env-count") (result u32) (canon lift (core func $m "env-count")))
  (func (export "quit") (param "failed" bool) (canon lift (core func $m "quit")))
)
