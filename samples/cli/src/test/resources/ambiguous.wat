;; Exports "get" at the root and inside the instance "my:pkg/api@1.0.0", so a bare "get" is
;; ambiguous for `wasi-http invoke`.
(component
  (core module $M
    (func (export "one") (result i32) (i32.const 1))
    (func (export "two") (result i32) (i32.const 2)))
  (core instance $m (instantiate $M))
  (func $one (result u32) (canon lift (core func $m "one")))
  (func $two (result u32) (canon lift (core func $m "two")))
  (instance $api (export "get" (func $two)))
  (export "get" (func $one))
  (export "my:pkg/api@1.0.0" (instance $api))
)
