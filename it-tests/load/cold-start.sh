#!/usr/bin/env bash
# Cold start of `wasi-http serve`: the time from launching the JVM to the first 200 answered by
# each sample (hello-c, hello-libc, hello-js), in five configurations:
#
#   (a) --engine interpreter
#   (b) the default engine (auto) with an empty --compile-cache directory: a first deploy, which
#       compiles every core module of up to 1 MiB of code at start (hello-js's main module is
#       larger: auto leaves it interpreted, only its small modules are compiled)
#   (c) the default engine with the cache that (b) filled: a restart
#   (d) build-time classes: `wasi-http compile COMPONENT.wasm NAME-compiled.jar` once (its wall
#       time and peak RSS are reported too), then serve with that jar on the class path and
#       --compile-cache none (hello-js's main module too then runs compiled)
#   (e) --engine compiler with a compile cache holding every module: a restart after a first
#       start in compiler mode. The cache is filled with the entries of (d)'s jar, which are what
#       such a first start writes (same keys, same bytes), so hello-js is compiled only once here.
#
#   it-tests/load/cold-start.sh
#
# Each start is measured from the launch of `java` (polling for serve's "Listening on" line every
# 10 ms, then one curl of /hello whose body is checked) and repeated RUNS times (default 2); the
# table shows min–max in ms. The runs are interleaved (run 1 of every cell, then run 2, ...) so a
# drift of the machine's speed spreads over all cells. SKIP_JS_COMPILE=1 skips compiling hello-js
# for (d) and (e) (~45 s and ~4.2 GB RSS). JAVA_OPTS is passed to every JVM. Needs a built
# samples/cli/target/wasi-http.jar and curl; /usr/bin/time (Debian package `time`) for the
# compile's peak RSS, else it is sampled from /proc. Every connection stays on 127.0.0.1.
set -eEuo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-2}
JAR=samples/cli/target/wasi-http.jar
COMPONENTS=samples/components
SAMPLES=(hello-c hello-libc hello-js)
CONFIGS=(a b c d e)
declare -A GREETING=(
  [hello-c]="hello from C: GET /hello"
  [hello-libc]="hello from C (wasi-libc): GET /hello"
  [hello-js]="hello from JavaScript: GET /hello"
)
WORK=$(mktemp -d)
PID=
cleanup() {
  if [ -n "$PID" ]; then kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
fail() { echo "FAILED: $*" >&2; exit 1; }
say() { echo "$*" >&2; }
[ -f "$JAR" ] || fail "build first: ./mvnw -B -DskipTests package"
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || fail "RUNS must be a positive integer"
# The CLI's main class, for (d): java -cp wasi-http.jar:NAME-compiled.jar MAIN serve ...
MAIN=$( (unzip -p "$JAR" META-INF/MANIFEST.MF 2>/dev/null || true) | tr -d '\r' |
  sed -n 's/^Main-Class: //p')
MAIN=${MAIN:-dev.wasihttp.cli.Main}
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
JAVA_VERSION=$(java -version 2>&1 | head -1)

# first_response SAMPLE COMMAND...: launches the server, sets MS to the time from the launch to
# the first 200 (whose body is checked), then stops it.
first_response() {
  local sample=$1 t0 url body
  shift
  : >"$WORK/out"
  t0=$(date +%s%N)
  "$@" >"$WORK/out" 2>"$WORK/err" &
  PID=$!
  for _ in $(seq 60000); do # 10 minutes
    grep -q '^Listening on ' "$WORK/out" && break
    kill -0 "$PID" 2>/dev/null || break
    sleep 0.01
  done
  url=$(sed -n 's/^Listening on //p' "$WORK/out")
  [ -n "$url" ] || { cat "$WORK/err" >&2; fail "$sample did not start: $*"; }
  body=$(curl -sS -f "${url}hello") || fail "GET ${url}hello failed: $*"
  MS=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ "$body" = "${GREETING[$sample]}" ] || fail "$sample answered '$body': $*"
  kill "$PID"
  wait "$PID" 2>/dev/null || true
  PID=
}

serve() { # CONFIG SAMPLE RUN: runs one measurement, appends it to $WORK/SAMPLE.CONFIG
  local wasm="$COMPONENTS/$2/$2.wasm" cache="$WORK/cache-$2-$3"
  case $1 in
    a) first_response "$2" java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 \
         --engine interpreter --compile-cache none "$wasm" ;;
    b) rm -rf "$cache"; mkdir -p "$cache"; chmod 700 "$cache"
       first_response "$2" java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 \
         --compile-cache "$cache" "$wasm" ;;
    c) first_response "$2" java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 \
         --compile-cache "$cache" "$wasm" ;;
    d) [ -f "$WORK/$2-compiled.jar" ] || { echo skipped >>"$WORK/$2.$1"; return; }
       first_response "$2" java ${JAVA_OPTS:-} -cp "$JAR:$WORK/$2-compiled.jar" "$MAIN" serve \
         --port 0 --compile-cache none "$wasm" ;;
    e) [ -f "$WORK/$2-compiled.jar" ] || { echo skipped >>"$WORK/$2.$1"; return; }
       cache="$WORK/cache-$2-compiler"
       if [ ! -d "$cache" ]; then
         mkdir -p "$cache.tmp"; chmod 700 "$cache.tmp"
         (cd "$cache.tmp" && jar xf "$WORK/$2-compiled.jar" &&
           mv META-INF/wasi-http/compiled/*.classes . && rm -r META-INF)
         mv "$cache.tmp" "$cache"
       fi
       first_response "$2" java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 \
         --engine compiler --compile-cache "$cache" "$wasm" ;;
  esac
  echo "$MS" >>"$WORK/$2.$1"
}

# compile SAMPLE: `wasi-http compile` into $WORK/SAMPLE-compiled.jar; sets COMPILED[SAMPLE] to
# "wall time, peak RSS".
declare -A COMPILED
compile() {
  local wasm="$COMPONENTS/$1/$1.wasm" out="$WORK/$1-compiled.jar" t0 ms kb
  t0=$(date +%s%N)
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -v -o "$WORK/time" java ${JAVA_OPTS:-} -jar "$JAR" compile "$wasm" "$out" \
      >"$WORK/compile.out" 2>&1 || { cat "$WORK/compile.out" >&2; fail "compile $1"; }
    kb=$(sed -n 's/^\tMaximum resident set size (kbytes): //p' "$WORK/time")
  else # sample VmHWM (the process's peak RSS so far) until it exits
    java ${JAVA_OPTS:-} -jar "$JAR" compile "$wasm" "$out" >"$WORK/compile.out" 2>&1 &
    PID=$!
    kb=0
    while kill -0 "$PID" 2>/dev/null; do
      local hwm
      hwm=$(awk '/^VmHWM:/ {print $2}' "/proc/$PID/status" 2>/dev/null || true)
      [ -n "$hwm" ] && [ "$hwm" -gt "$kb" ] && kb=$hwm
      sleep 0.05
    done
    wait "$PID" || { cat "$WORK/compile.out" >&2; fail "compile $1"; }
    PID=
  fi
  ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  [ -s "$out" ] || fail "compile $1 wrote no jar"
  COMPILED[$1]=$(awk -v ms="$ms" -v kb="$kb" -v b="$(stat -c %s "$out")" \
    'function size(k) {
       if (k >= 1048576) return sprintf("%.1f GB", k / 1048576)
       if (k >= 1024) return sprintf("%.0f MB", k / 1024)
       return sprintf("%d KB", k)
     }
     BEGIN {printf "%.1f s, peak RSS %s, jar %s", ms / 1000, size(kb), size(b / 1024)}')
}

for s in "${SAMPLES[@]}"; do
  if [ "$s" = hello-js ] && [ "${SKIP_JS_COMPILE:-0}" = 1 ]; then
    COMPILED[$s]="skipped (SKIP_JS_COMPILE=1)"
    continue
  fi
  say "wasi-http compile $s"
  compile "$s"
done
for run in $(seq "$RUNS"); do
  for s in "${SAMPLES[@]}"; do
    for c in "${CONFIGS[@]}"; do
      say "run $run/$RUNS: $s ($c)"
      serve "$c" "$s" "$run"
    done
  done
done

cell() { # SAMPLE CONFIG: "min–max ms" (or "N ms" when they agree), or "skipped"
  local f="$WORK/$1.$2"
  grep -q skipped "$f" && { echo "skipped"; return; }
  sort -n "$f" | awk '{v[NR] = $1} END {
    if (v[1] == v[NR]) printf "%d ms", v[1]; else printf "%d–%d ms", v[1], v[NR] }'
}

echo "serve from launch to the first 200, $RUNS runs each (min–max); pool and other options at" \
  "their defaults; nproc $(nproc); load average $LOAD_START at start," \
  "$(cut -d' ' -f1-3 /proc/loadavg) at end; $JAVA_VERSION"
echo
echo "| sample | (a) interpreter | (b) auto, empty compile cache | (c) auto, from the cache |" \
  "(d) auto, \`compile\` jar on the class path | (e) compiler, from the cache |" \
  "\`wasi-http compile\` |"
echo "| --- | --- | --- | --- | --- | --- | --- |"
for s in "${SAMPLES[@]}"; do
  echo "| $s | $(cell "$s" a) | $(cell "$s" b) | $(cell "$s" c) | $(cell "$s" d) |" \
    "$(cell "$s" e) | ${COMPILED[$s]} |"
done
echo
echo "hello-js's main module has more than 1 MiB of code: in (b) and (c) auto compiles only its" \
  "small modules and interprets the main one; in (d) and (e) it runs compiled."
