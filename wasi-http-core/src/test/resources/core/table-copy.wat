;; table.copy on the owner's table, whose entries are functions of two instances. Chicory 1.7.5
;; copies an entry's function index from the source slot but its instance from the destination
;; slot (of the source table): the owner's slot 0 copied over from slot 2 ($mine, this module's
;; function 1) becomes the owner's function 1, $secret. With a source table shorter than the
;; destination index, reading that instance throws ArrayIndexOutOfBoundsException; and an index
;; near 2^31 overflows the bounds check in int arithmetic.
(module
  (type $answer (func (result i32)))
  (import "owner" "table" (table $shared 4 funcref))
  (table $own 1 funcref)
  (func $pad (type $answer) (i32.const 7))
  (func $mine (type $answer) (i32.const 2))
  (elem (table $shared) (i32.const 2) func $mine)
  (elem (table $own) (i32.const 0) func $mine)
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (table.copy $shared $shared (local.get $d) (local.get $s) (local.get $n)))
  (func (export "copy-own") (param $d i32) (param $s i32) (param $n i32)
    (table.copy $shared $own (local.get $d) (local.get $s) (local.get $n)))
  (func (export "call") (param $slot i32) (result i32)
    (call_indirect $shared (type $answer) (local.get $slot))))
