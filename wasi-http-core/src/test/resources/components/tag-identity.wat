;; Two instances of one core module define two distinct tags of the same type (param i32).
;; $Catcher imports the first one, under two names, and catches with it: a throw of the first
;; tag is caught (the payload comes back), a throw of the second falls to catch_all (77).
;; $Tag and $Thrower number their types differently: the tag's type index in $Tag is 1, which in
;; $Thrower is (f64 f64) -> i32; a throw must still take one i32.
(component
  (core module $Tag
    (type (func (param i64 i64)))
    (type $t (func (param i32)))
    (tag (export "t") (type $t)))
  (core module $Thrower
    (type $t (func (param i32)))
    (type (func (param f64 f64) (result i32)))
    (import "tag" "t" (tag $t (type $t)))
    (func (export "throw") (type $t) (throw $t (local.get 0))))
  (core module $Catcher
    (import "tag" "t" (tag $t (param i32)))
    (import "again" "t" (tag $again (param i32)))
    (import "a" "throw" (func $throw-a (param i32)))
    (import "b" "throw" (func $throw-b (param i32)))
    (tag $mine (param i32))
    (func (export "run-a") (param i32) (result i32)
      (block $all
        (block $h (result i32)
          (try_table (catch $t $h) (catch_all $all)
            (call $throw-a (local.get 0)))
          (return (i32.const 99)))
        (return))
      (i32.const 77))
    (func (export "run-b") (param i32) (result i32)
      (block $all
        (block $h (result i32)
          (try_table (catch $t $h) (catch_all $all)
            (call $throw-b (local.get 0)))
          (return (i32.const 99)))
        (return))
      (i32.const 77))
    (func (export "run-b-again") (param i32) (result i32)
      (block $all
        (block $h (result i32)
          (try_table (catch $again $h) (catch_all $all)
            (call $throw-b (local.get 0)))
          (return (i32.const 99)))
        (return))
      (i32.const 77))
    (func (export "run-a-again") (param i32) (result i32)
      (block $all
        (block $h (result i32)
          (try_table (catch $again $h) (catch_all $all)
            (call $throw-a (local.get 0)))
          (return (i32.const 99)))
        (return))
      (i32.const 77))
    ;; a tag the module defines, thrown and caught within the instance
    (func (export "run-own") (param i32) (result i32)
      (block $h (result i32)
        (try_table (catch $mine $h)
          (throw $mine (local.get 0)))
        (return (i32.const 99)))))
  (core instance $tag-a (instantiate $Tag))
  (core instance $tag-b (instantiate $Tag))
  (core instance $ta (instantiate $Thrower (with "tag" (instance $tag-a))))
  (core instance $tb (instantiate $Thrower (with "tag" (instance $tag-b))))
  (core instance $c (instantiate $Catcher
    (with "tag" (instance $tag-a))
    (with "again" (instance $tag-a))
    (with "a" (instance $ta))
    (with "b" (instance $tb))))
  (func (export "run-a") (param "x" u32) (result u32) (canon lift (core func $c "run-a")))
  (func (export "run-b") (param "x" u32) (result u32) (canon lift (core func $c "run-b")))
  (func (export "run-a-again") (param "x" u32) (result u32)
    (canon lift (core func $c "run-a-again")))
  (func (export "run-b-again") (param "x" u32) (result u32)
    (canon lift (core func $c "run-b-again")))
  (func (export "run-own") (param "x" u32) (result u32) (canon lift (core func $c "run-own")))
)
