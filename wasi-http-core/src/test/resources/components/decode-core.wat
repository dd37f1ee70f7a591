;; Decoder fixture: a component's core type section (Binary.md, core:deftype): function types and
;; a module type with every core import kind (func, table, memory, global, tag), an outer alias
;; and export declarations; plus core exception tags aliased out of a core instance.
(component
  (core type $ft (func (param i32 i64 f32 f64) (result i32)))
  (core type $nop (func))
  (core type $refs (func (param funcref externref) (result v128)))
  (core type $mt (module
    (type $t0 (func (param i32)))
    (alias outer 1 $nop (type $outer))
    (import "env" "f" (func (type $t0)))
    (import "env" "tbl" (table 1 10 funcref))
    (import "env" "mem" (memory 2))
    (import "env" "mem64" (memory i64 1 100))
    (import "env" "shared" (memory 1 2 shared))
    (import "env" "g" (global (mut i64)))
    (import "env" "c" (global f32))
    (import "env" "tag" (tag (type $t0)))
    (export "run" (func (type $outer)))
    (export "memory" (memory 1))
  ))
  (import "m" (core module (type $mt)))
  (core module $Tags (tag (export "t") (param i32)))
  (core instance $tags (instantiate $Tags))
  (alias core export $tags "t" (core tag $t))
  (core instance (export "exn" (tag $t)))
)
