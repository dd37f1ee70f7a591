;; Decoder fixture: one of every WASI 0.2 type definition (Binary.md, "Type Definitions").
;; Type indices in comments; the decoder test asserts them.
(component $types
  (type $bool bool)                                   ;; 0
  (type $s8 s8) (type $u8 u8) (type $s16 s16) (type $u16 u16)      ;; 1-4
  (type $s32 s32) (type $u32 u32) (type $s64 s64) (type $u64 u64)  ;; 5-8
  (type $f32 f32) (type $f64 f64) (type $char char) (type $string string) ;; 9-12
  (type $point (record (field "x" s32) (field "y" s32)))          ;; 13
  (type $shape (variant (case "circle" f64) (case "none")))       ;; 14
  (type $bytes (list u8))                                         ;; 15
  (type $pair (tuple string $point))                              ;; 16
  (type $perms (flags "read" "write" "exec"))                     ;; 17
  (type $color (enum "red" "green" "blue"))                       ;; 18
  (type $maybe (option $string))                                  ;; 19
  (type $r0 (result))                                             ;; 20
  (type $r1 (result u32))                                         ;; 21
  (type $r2 (result (error string)))                              ;; 22
  (type $r3 (result $point (error $color)))                       ;; 23
  (type $res (resource (rep i32)))                                ;; 24
  (type $own (own $res))                                          ;; 25
  (type $borrow (borrow $res))                                    ;; 26
  (type $f0 (func))                                               ;; 27
  (type $f1 (func (param "a" u32) (param "b" $point) (result $string))) ;; 28
  (type $iface (instance                                          ;; 29
    (export "fields" (type $fields (sub resource)))
    (type $fo (own $fields))
    (type $fb (borrow $fields))
    (export "[constructor]fields" (func (result $fo)))
    (export "[method]fields.get" (func (param "self" $fb) (param "name" string) (result (list string))))
    (export "[static]fields.from-list" (func (param "entries" (list (tuple string string))) (result $fo)))
    (alias outer $types $point (type $p))
    (export "point" (type (eq $p)))
    (core type (func (param i32) (result i64)))
  ))
  (type $world (component                                         ;; 30
    (import "wasi:cli/stdout@0.2.3" (instance (export "get" (func (result u32)))))
    (type $pt (record (field "x" u8)))
    (export "pt" (type $pt-export (eq $pt)))
    (export "run" (func (param "p" $pt-export)))
    (core type $m (module))
    (import "m" (core module (type $m)))
    (import "c" (component))
  ))
  ;; a type index of 64 or more is a two-byte s33
  (type $t31 u8) (type $t32 u8) (type $t33 u8) (type $t34 u8) (type $t35 u8) (type $t36 u8)
  (type $t37 u8) (type $t38 u8) (type $t39 u8) (type $t40 u8) (type $t41 u8) (type $t42 u8)
  (type $t43 u8) (type $t44 u8) (type $t45 u8) (type $t46 u8) (type $t47 u8) (type $t48 u8)
  (type $t49 u8) (type $t50 u8) (type $t51 u8) (type $t52 u8) (type $t53 u8) (type $t54 u8)
  (type $t55 u8) (type $t56 u8) (type $t57 u8) (type $t58 u8) (type $t59 u8) (type $t60 u8)
  (type $t61 u8) (type $t62 u8) (type $t63 u8) (type $t64 u8) (type $t65 u8) (type $t66 u8)
  (type $list64 (list $t64))                                      ;; 67
  (type $list66 (list $t66))                                      ;; 68
)
