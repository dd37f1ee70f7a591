;; The instance the hostile modules beside it share a memory and a table with, as core instances
;; of one component do: "owner" at address 16 of its memory, and its table's slot 0 holds $public.
;; $secret (function 1) is in no table and never exported: only a wrong table entry reaches it.
(module
  (type $answer (func (result i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "owner")
  (table (export "table") 4 funcref)
  (elem (i32.const 0) func $public)
  (func $public (type $answer) (i32.const 1))
  (func $secret (type $answer) (i32.const 666))
  (func (export "call") (param $slot i32) (result i32)
    (call_indirect (type $answer) (local.get $slot)))
  (func (export "load8") (param $address i32) (result i32)
    (i32.load8_u (local.get $address))))
