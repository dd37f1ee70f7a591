;; Decoder fixture: every WASI 0.2 canonical definition and option (Binary.md, "Canonical
;; Definitions"), over core modules, core instances and core export aliases.
(component
  (import "host" (instance $host                                  ;; instance 0
    (export "log" (func (param "msg" string)))
  ))
  (alias export $host "log" (func $log))                          ;; func 0
  (core module $Mem                                               ;; core module 0
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) (i32.const 8))
    (func (export "post") (param i32))
    (func (export "greet") (param i32 i32) (result i32) (i32.const 0))
    (func (export "dtor") (param i32))
    (func (export "answer") (result i32) (i32.const 42))
  )
  (core instance $mem (instantiate $Mem))                          ;; core instance 0
  (alias core export $mem "memory" (core memory $memory))          ;; core memory 0
  (alias core export $mem "realloc" (core func $realloc))          ;; core func 0
  (alias core export $mem "post" (core func $post))                ;; core func 1
  (alias core export $mem "greet" (core func $greet))              ;; core func 2
  (alias core export $mem "dtor" (core func $dtor))                ;; core func 3
  (alias core export $mem "answer" (core func $answer))            ;; core func 4
  (core func $log8 (canon lower (func $log) (memory $memory) (realloc $realloc) string-encoding=utf8)) ;; core func 4
  (core func $log16 (canon lower (func $log) string-encoding=utf16 (memory $memory)))   ;; core func 5
  (core func $logl (canon lower (func $log) string-encoding=latin1+utf16 (memory $memory))) ;; core func 6
  (type $res (resource (rep i32) (dtor (core func $dtor))))            ;; type 0
  (core func $new (canon resource.new $res))                      ;; core func 7
  (core func $drop (canon resource.drop $res))                    ;; core func 8
  (core func $rep (canon resource.rep $res))                      ;; core func 9
  (type $greet-t (func (param "name" string) (result string)))    ;; type 1
  (func $greet-f (type $greet-t)                                  ;; func 1
    (canon lift (core func $greet) (memory $memory) (realloc $realloc) (post-return $post) string-encoding=utf16))
  (func $plain (result u32) (canon lift (core func $answer)))      ;; func 2
  (export "greet" (func $greet-f))
  (export "res" (type $res))
)
