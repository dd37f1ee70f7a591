#!/usr/bin/env bash
# Drives `wasi-http serve` and a plain Java servlet on the same embedded Jetty (PlainServlet.java)
# with the same load and prints what the wasm endpoint costs beside the ceiling: requests per
# second, p50/p99 latency and their ratio for the hello samples, the rate of one 200 MB streamed
# echo and of one 100 MB streamed response, and componentize-js's time from start to first
# response.
#
#   it-tests/load/versus-servlet.sh [SECONDS]   (each measured wrk run; default 10)
#
# The machine's speed drifts (a shared VM can halve its rate within minutes), so one plain run
# followed minutes later by one wasm run compares two machines. Here every server is started once
# and they run side by side (idle while the other is measured); each row is ROUNDS rounds (default
# 3) of plain-then-wasm back to back, and the table shows the median of each side, p50/p99 of that
# side's median round, and the median (and range) of the per-round ratios wasm/plain.
#
# Needs: ./mvnw -B -DskipTests package (samples/cli/target/wasi-http.jar), wrk (Debian package
# `wrk`), curl, sha256sum. Every connection stays on 127.0.0.1. JAVA_OPTS is passed to every
# server; ENGINE (default auto, serve's default: hello-c compiled; hello-js's main module stays
# interpreted, compiling it takes 24-33 s and ~7.5 GB) and POOL (default 16, serve's default; 0
# for a fresh instance per request) are passed to serve, which runs with --compile-cache none (so
# each start compiles afresh). Any wrong response (status, body, byte count, wrk errors) stops the
# script with a message and a non-zero status.
set -eEuo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
ROUNDS=${ROUNDS:-3}
ENGINE=${ENGINE:-auto}
POOL=${POOL:-16}
JAR=samples/cli/target/wasi-http.jar
COMPONENTS=samples/components
WORK=$(mktemp -d)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${PIDS[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
fail() { echo "FAILED: $*" >&2; exit 1; }
say() { echo "$*" >&2; }
command -v wrk >/dev/null || fail "wrk is missing: apt-get install wrk"
[ -f "$JAR" ] || fail "build first: ./mvnw -B -DskipTests package"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || fail "ROUNDS must be a positive integer"
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)
JAVA_VERSION=$(java -version 2>&1 | head -1)

# start NAME COMMAND...: runs a server in the background, waits for "Listening on", sets URL.
start() {
  local name=$1; shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 3000); do
    grep -q Listening "$WORK/$name.out" && break
    kill -0 "${PIDS[-1]}" 2>/dev/null || break
    sleep 0.02
  done
  URL=$(sed -n 's/^Listening on //p' "$WORK/$name.out")
  [ -n "$URL" ] || { cat "$WORK/$name.err" >&2; fail "$name did not start"; }
}
stop_last() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }
serve() { # exec: the server's pid is the background job's, so the trap stops the JVM itself
  exec java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 --engine "$ENGINE" --pool "$POOL" \
    --compile-cache none "$@"
}

# expect URL TEXT: the body of GET URL is TEXT (status 200), else the script fails.
expect() {
  local got
  got=$(curl -sS -f "$1") || fail "GET $1 failed"
  [ "$got" = "$2" ] || fail "GET $1 answered '$got', expected '$2'"
}

# wrk_run URL CONNECTIONS SECONDS: prints "req/s p50 p99"; fails on errors or non-2xx answers.
wrk_run() {
  wrk -t2 -c"$2" -d"${3}s" --timeout 10s --latency "$1" >"$WORK/wrk"
  if grep -q -e 'Non-2xx' -e 'Socket errors' "$WORK/wrk"; then
    cat "$WORK/wrk" >&2; fail "wrk saw errors on $1"
  fi
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%d %s %s", r, p50, p99}' "$WORK/wrk"
}

# curl_rate NAME MB CURL-ARGS...: MB/s of one transfer of MB megabytes (2^20 bytes) into
# $WORK/NAME.got; fails unless the status is 200.
curl_rate() {
  local name=$1 mb=$2; shift 2
  curl -sS -o "$WORK/$name.got" -w '%{http_code} %{time_total}\n' "$@" >"$WORK/t" || fail "curl $*"
  read -r code secs <"$WORK/t"
  [ "$code" = 200 ] || fail "$* answered $code"
  awk -v mb="$mb" -v s="$secs" 'BEGIN {printf "%.0f", mb / s}'
}
sha() { sha256sum <"$1" | cut -d' ' -f1; }

# The 200 MB echo body, and the 100 MB that /bytes?n=104857600 must send (byte i is i & 0xff).
head -c $((200 << 20)) /dev/urandom >"$WORK/body"
SENT=$(sha "$WORK/body")
for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$WORK/p256"
for _ in $(seq 256); do cat "$WORK/p256"; done >"$WORK/p64k"
for _ in $(seq 1600); do cat "$WORK/p64k"; done >"$WORK/p100m"
STREAMED=$(sha "$WORK/p100m")
rm "$WORK/p100m"

echo_rate() { # URL
  local r
  r=$(curl_rate echo 200 --data-binary "@$WORK/body" "${1}echo")
  [ "$(sha "$WORK/echo.got")" = "$SENT" ] || fail "bytes echoed by ${1}echo differ"
  echo "$r"
}
bytes_rate() { # URL
  local r size
  r=$(curl_rate bytes 100 "${1}bytes?n=104857600")
  size=$(stat -c %s "$WORK/bytes.got")
  [ "$size" = 104857600 ] || fail "${1}bytes?n=104857600 sent $size bytes"
  [ "$(sha "$WORK/bytes.got")" = "$STREAMED" ] || fail "${1}bytes?n=104857600 sent other bytes"
  echo "$r"
}
JS_START=()
start_to_first_response() { # NAME COMPONENT: appends the ms from launching serve to the first 200
  local t0
  t0=$(date +%s%N)
  start "$1" serve "$2"
  curl -sS -f -o /dev/null "${URL}hello" || fail "first request to $1 failed"
  JS_START+=($(( ($(date +%s%N) - t0) / 1000000 )))
}

# ---- the servers, started once ----
say "starting the plain servlet, hello-c and hello-js (engine $ENGINE, pool $POOL)"
start plain java ${JAVA_OPTS:-} -cp "$JAR" it-tests/load/PlainServlet.java 0
PLAIN=$URL
start c serve "$COMPONENTS/hello-c/hello-c.wasm"
C=$URL
start_to_first_response js "$COMPONENTS/hello-js/hello-js.wasm"
JS=$URL
expect "${PLAIN}hello" "hello from Java: GET /hello"
expect "${C}hello" "hello from C: GET /hello"
expect "${JS}hello" "hello from JavaScript: GET /hello"
# More starts of hello-js, each a server of its own stopped after its first response.
for _ in $(seq 2 "$ROUNDS"); do
  start_to_first_response js-start "$COMPONENTS/hello-js/hello-js.wasm"
  stop_last
done

# ---- the rounds ----
# Each measurement appends "plain wasm" (req/s or MB/s, then p50 p99 for wrk) to $WORK/ROW.
wrk_row() { # ROW PLAIN-URL WASM-URL CONNECTIONS
  say "$1: warm-up, then $ROUNDS rounds of ${SECONDS_PER_RUN} s plain + ${SECONDS_PER_RUN} s wasm"
  wrk -t2 -c"$4" -d3s "$2" >/dev/null
  wrk -t2 -c"$4" -d3s "$3" >/dev/null
  local plain wasm
  for _ in $(seq "$ROUNDS"); do
    plain=$(wrk_run "$2" "$4" "$SECONDS_PER_RUN")
    wasm=$(wrk_run "$3" "$4" "$SECONDS_PER_RUN")
    echo "$plain $wasm" >>"$WORK/$1"
  done
}
rate_row() { # ROW FUNCTION
  say "$1: $ROUNDS rounds of plain + wasm"
  "$2" "$PLAIN" >/dev/null # warm-up
  "$2" "$C" >/dev/null
  local plain wasm
  for _ in $(seq "$ROUNDS"); do
    plain=$("$2" "$PLAIN")
    wasm=$("$2" "$C")
    echo "$plain - - $wasm - -" >>"$WORK/$1"
  done
}
wrk_row c "${PLAIN}hello" "${C}hello" 32
wrk_row js "${PLAIN}hello" "${JS}hello" 8
rate_row echo echo_rate
rate_row bytes bytes_rate

# ---- the table ----
# summary ROW UNIT: "plain | wasm | ratio" from the rounds in $WORK/ROW (fields: plain rate, p50,
# p99, wasm rate, p50, p99). Medians of an even count take the lower middle round.
summary() {
  awk -v unit="$2" '
    function median_index(col,   i, j, t, idx) {
      for (i = 1; i <= NR; i++) idx[i] = i
      for (i = 2; i <= NR; i++)
        for (j = i; j > 1 && v[idx[j - 1], col] > v[idx[j], col]; j--) {
          t = idx[j]; idx[j] = idx[j - 1]; idx[j - 1] = t
        }
      return idx[int((NR + 1) / 2)]
    }
    function side(col,   m, s) {
      m = median_index(col)
      s = sprintf("%d %s", v[m, col], unit)
      if (v[m, col + 1] != "-") s = s sprintf(" (p50 %s, p99 %s)", v[m, col + 1], v[m, col + 2])
      return s
    }
    { for (i = 1; i <= 6; i++) v[NR, i] = $i; v[NR, 7] = $4 / $1 }
    END {
      m = median_index(7); lo = hi = v[1, 7]
      for (i = 2; i <= NR; i++) { if (v[i, 7] < lo) lo = v[i, 7]; if (v[i, 7] > hi) hi = v[i, 7] }
      printf "%s | %s | %.3f (%.3f–%.3f)", side(1), side(4), v[m, 7], lo, hi
    }' "$WORK/$1"
}
range_ms() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {printf "%d ms (%d–%d)", v[int((NR+1)/2)], v[1], v[NR]}'; }

echo "wrk -t2, ${SECONDS_PER_RUN} s per run after a 3 s warm-up; servers side by side, $ROUNDS" \
  "rounds of plain then wasm per row, medians; engine $ENGINE, pool $POOL; nproc $(nproc);" \
  "load average $LOAD_START at start, $(cut -d' ' -f1-3 /proc/loadavg) at end; $JAVA_VERSION"
echo
echo "| work | plain servlet | wasm | ratio wasm/plain (range) |"
echo "| --- | --- | --- | --- |"
echo "| C hello, 32 connections | $(summary c req/s) |"
echo "| componentize-js hello, 8 connections | $(summary js req/s) |"
echo "| 200 MB echo through hello-c, one client | $(summary echo MB/s) |"
echo "| 100 MB streamed response from hello-c, one client | $(summary bytes MB/s) |"
echo "| componentize-js, start to first response | – | $(range_ms "${JS_START[@]}") | – |"
