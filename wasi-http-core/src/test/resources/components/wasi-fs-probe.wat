;; A component that reads the mounted directory through the canonical ABI, as a real guest does,
;; importing wasi:filesystem at 0.2.0 (the host registers 0.2.12): get-directories hands over an
;; own<descriptor> inside a list of tuples, stat-at and get-flags return records, enums and flags
;; through a return pointer, and the descriptor is dropped with resource.drop.
(component $C
  (import "wasi:filesystem/types@0.2.0" (instance $types
    (export "descriptor" (type $d (sub resource)))
    (type $dt (enum "unknown" "block-device" "character-device" "directory" "fifo" "symbolic-link" "regular-file" "socket"))
    (export "descriptor-type" (type $dt2 (eq $dt)))
    (type $ec (enum "access" "would-block" "already" "bad-descriptor" "busy" "deadlock" "quota" "exist" "file-too-large" "illegal-byte-sequence" "in-progress" "interrupted" "invalid" "io" "is-directory" "loop" "too-many-links" "message-size" "name-too-long" "no-device" "no-entry" "no-lock" "insufficient-memory" "insufficient-space" "not-directory" "not-empty" "not-recoverable" "unsupported" "no-tty" "no-such-device" "overflow" "not-permitted" "pipe" "read-only" "invalid-seek" "text-file-busy" "cross-device"))
    (export "error-code" (type $ec2 (eq $ec)))
    (type $df (flags "read" "write" "file-integrity-sync" "data-integrity-sync" "requested-write-sync" "mutate-directory"))
    (export "descriptor-flags" (type $df2 (eq $df)))
    (type $pf (flags "symlink-follow"))
    (export "path-flags" (type $pf2 (eq $pf)))
    (type $datetime (record (field "seconds" u64) (field "nanoseconds" u32)))
    (export "datetime" (type $datetime2 (eq $datetime)))
    (type $stat (record
      (field "type" $dt2)
      (field "link-count" u64)
      (field "size" u64)
      (field "data-access-timestamp" (option $datetime2))
      (field "data-modification-timestamp" (option $datetime2))
      (field "status-change-timestamp" (option $datetime2))))
    (export "descriptor-stat" (type $stat2 (eq $stat)))
    (export "[method]descriptor.stat-at" (func
      (param "self" (borrow $d)) (param "path-flags" $pf2) (param "path" string)
      (result (result $stat2 (error $ec2)))))
    (export "[method]descriptor.get-flags" (func
      (param "self" (borrow $d)) (result (result $df2 (error $ec2)))))
  ))
  (alias export $types "descriptor" (type $descriptor))
  (import "wasi:filesystem/preopens@0.2.0" (instance $preopens
    (alias outer $C $descriptor (type $d))
    (export "descriptor" (type $d2 (eq $d)))
    (export "get-directories" (func (result (list (tuple (own $d2) string)))))
  ))

  (core module $Mem
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 4096))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $bump) (i32.sub (local.get 2) (i32.const 1)))
                             (i32.sub (i32.const 0) (local.get 2))))
      (global.set $bump (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
  )
  (core instance $mem (instantiate $Mem))

  (alias export $types "[method]descriptor.stat-at" (func $stat-at))
  (alias export $types "[method]descriptor.get-flags" (func $get-flags))
  (alias export $preopens "get-directories" (func $get-directories))
  (core func $stat-at-core (canon lower (func $stat-at)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $get-flags-core (canon lower (func $get-flags)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $get-dirs-core (canon lower (func $get-directories)
    (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (core func $drop-descriptor (canon resource.drop $descriptor))

  (core module $M
    (import "m" "memory" (memory 1))
    (import "h" "stat-at" (func $stat_at (param i32 i32 i32 i32 i32)))
    (import "h" "get-flags" (func $get_flags (param i32 i32)))
    (import "h" "get-dirs" (func $get_dirs (param i32)))
    (import "h" "drop" (func $drop (param i32)))
    ;; the first preopen's descriptor, or -1 when there is none
    (func $root (result i32)
      (call $get_dirs (i32.const 256))
      (if (result i32) (i32.eqz (i32.load (i32.const 260)))
        (then (i32.const -1))
        (else (i32.load (i32.load (i32.const 256))))))
    ;; stat-size(path) -> s64: the size, or -(error-code + 1), or -1000 without a preopen
    (func (export "stat-size") (param $ptr i32) (param $len i32) (result i64)
      (local $d i32) (local $r i64)
      (local.set $d (call $root))
      (if (i32.eq (local.get $d) (i32.const -1)) (then (return (i64.const -1000))))
      (call $stat_at (local.get $d) (i32.const 1) (local.get $ptr) (local.get $len) (i32.const 512))
      (if (i32.load8_u (i32.const 512))
        (then (local.set $r (i64.sub (i64.const -1) (i64.extend_i32_u (i32.load8_u (i32.const 520))))))
        (else (local.set $r (i64.load (i32.const 536)))))
      (call $drop (local.get $d))
      (local.get $r))
    ;; root-flags() -> u32: the root's descriptor-flags bits
    (func (export "root-flags") (result i32)
      (local $d i32) (local $r i32)
      (local.set $d (call $root))
      (call $get_flags (local.get $d) (i32.const 768))
      (local.set $r (i32.load8_u (i32.const 769)))
      (call $drop (local.get $d))
      (local.get $r))
  )
  (core instance $m (instantiate $M
    (with "m" (instance $mem))
    (with "h" (instance
      (export "stat-at" (func $stat-at-core))
      (export "get-flags" (func $get-flags-core))
      (export "get-dirs" (func $get-dirs-core))
      (export "drop" (func $drop-descriptor))))))

  (func (export "stat-size") (param "path" string) (result s64)
    (canon lift (core func $m "stat-size")
      (memory (core memory $mem "memory")) (realloc (core func $mem "realloc"))))
  (func (export "root-flags") (result u32) (canon lift (core func $m "root-flags")))
)
