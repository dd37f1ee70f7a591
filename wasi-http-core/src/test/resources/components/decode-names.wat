;; Decoder fixture: import and export names in every nameattributes form (Binary.md, "Import and
;; Export Definitions"): plain, interface names with versions, annotated resource function names,
;; and the 0x02 form with implements, versionsuffix and external-id attributes.
(component
  (import "wasi:http/types@0.2.3" (instance $types
    (export "fields" (type $f (sub resource)))
    (export "[constructor]fields" (func (result (own $f))))
    (export "[method]fields.get" (func (param "self" (borrow $f)) (param "name" string) (result (list (list u8)))))
    (export "[static]fields.from-list" (func (param "entries" (list (tuple string (list u8)))) (result (own $f))))
  ))
  (import "wasi:io/streams@0.2" (versionsuffix ".10") (instance))
  (import "store" (implements "wasi:keyvalue/store@0.2.0") (external-id "id-1") (instance))
  (import "run" (func $run))
  (import "t" (type $t (sub resource)))
  (import "u" (type $u (eq $t)))
  (import "snowman" (external-id "☃︎") (func))
  (export "wasi:cli/run@0.2.3" (func $run))
  (export "run-typed" (func $run) (func))
  (export "types" (instance $types))
  (export "impl" (implements "a:b/c") (instance $types))
)
