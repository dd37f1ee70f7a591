;; table.fill and table.init on the owner's table with a destination or source index whose sum with
;; the count exceeds 2^31 - 1. Chicory 1.7.5 checks bounds in int arithmetic: the sum overflows to a
;; negative number, the check passes, and the fill or init does nothing instead of trapping, or
;; table.init reads its segment at that index and throws IndexOutOfBoundsException.
(module
  (type $answer (func (result i32)))
  (import "owner" "table" (table $shared 4 funcref))
  (func $three (type $answer) (i32.const 3))
  (func $four (type $answer) (i32.const 4))
  (elem $pair func $three $four)
  (func (export "fill") (param $i i32) (param $n i32)
    (table.fill $shared (local.get $i) (ref.func $three) (local.get $n)))
  (func (export "init") (param $d i32) (param $s i32) (param $n i32)
    (table.init $shared $pair (local.get $d) (local.get $s) (local.get $n))))
