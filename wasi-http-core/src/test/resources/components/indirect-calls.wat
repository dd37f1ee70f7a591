;; Two core modules with different type-index layouts share one funcref table. The caller's
;; call_indirect names its own type index 0 (i32 -> i32), which in the callee's module is
;; i64 -> i64; its index 1 (f32 -> f32) is the callee's i32 -> i32. A call must be checked
;; against the caller's types: `call` reaches $double, `call-f32` traps on the same slot.
;; (A return_call_indirect is only made within one instance: Chicory 1.7.5 runs a function of
;; the caller's instance when the tail call crosses instances.)
(component
  (core module $Callee
    (type $i64 (func (param i64) (result i64)))
    (type $i32 (func (param i32) (result i32)))
    (type $f32 (func (param f32) (result f32)))
    (type $own (func (param i32 i32) (result i32)))
    (table (export "table") 2 funcref)
    (func $double (type $i32) (i32.mul (local.get 0) (i32.const 2)))
    (func $half (type $f32) (f32.div (local.get 0) (f32.const 2)))
    (elem (i32.const 0) $double $half)
    ;; an indirect call within the instance that defined the table
    (func (export "own") (type $own)
      (call_indirect (type $i32) (local.get 0) (local.get 1)))
    (func (export "own-tail") (type $own)
      (return_call_indirect (type $i32) (local.get 0) (local.get 1)))
  )
  (core instance $callee (instantiate $Callee))
  (core module $Caller
    (type $i32 (func (param i32) (result i32)))
    (type $f32 (func (param f32) (result f32)))
    (type $call (func (param i32 i32) (result i32)))
    (type $call-f32 (func (param f32 i32) (result f32)))
    (import "callee" "table" (table 2 funcref))
    (func (export "call") (type $call)
      (call_indirect (type $i32) (local.get 0) (local.get 1)))
    (func (export "call-f32") (type $call-f32)
      (call_indirect (type $f32) (local.get 0) (local.get 1)))
  )
  (core instance $caller (instantiate $Caller (with "callee" (instance $callee))))
  (func (export "call") (param "x" u32) (param "slot" u32) (result u32)
    (canon lift (core func $caller "call")))
  (func (export "call-f32") (param "x" f32) (param "slot" u32) (result f32)
    (canon lift (core func $caller "call-f32")))
  (func (export "own") (param "x" u32) (param "slot" u32) (result u32)
    (canon lift (core func $callee "own")))
  (func (export "own-tail") (param "x" u32) (param "slot" u32) (result u32)
    (canon lift (core func $callee "own-tail")))
)
