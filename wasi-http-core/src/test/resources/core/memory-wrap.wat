;; Stores into the owner's memory whose effective address (base as unsigned + offset) is 2^32 + 16:
;; out of bounds. Chicory 1.7.5's interpreter adds the offset to the base in int arithmetic for
;; these three instructions only (i32.store8 shares i64.store8's code), so the address wraps around
;; to 16 and the store lands on the owner's "owner" instead of trapping.
(module
  (import "owner" "memory" (memory 1))
  (func (export "i32.store8") (param $base i32)
    (i32.store8 offset=32 (local.get $base) (i32.const 0x58)))
  (func (export "i64.store8") (param $base i32)
    (i64.store8 offset=32 (local.get $base) (i64.const 0x58)))
  (func (export "i64.store32") (param $base i32)
    (i64.store32 offset=0xfffffff0 (local.get $base) (i64.const 0x58585858))))
