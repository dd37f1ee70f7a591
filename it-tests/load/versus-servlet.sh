#!/usr/bin/env bash
# Drives `wasi-http serve` and a plain Java servlet on the same embedded Jetty (PlainServlet.java)
# with the same load, one after the other, and prints what the wasm endpoint costs beside the
# ceiling: requests per second, p50/p99 latency and their ratio for the hello samples, the rate of
# one 200 MB streamed echo, and componentize-js's time from start to first response.
#
#   it-tests/load/versus-servlet.sh [SECONDS]   (each wrk run; default 10)
#
# Needs: ./mvnw -B -DskipTests package (samples/cli/target/wasi-http.jar), wrk (Debian package
# `wrk`), curl. Every connection stays on 127.0.0.1. JAVA_OPTS is passed to both servers;
# ENGINE (default auto, serve's default: hello-c compiled; hello-js's main module stays
# interpreted, compiling it takes 24-33 s and ~7.5 GB) and POOL (default 16, serve's default;
# 0 for a fresh instance per request) are passed to serve.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-10}
JAR=samples/cli/target/wasi-http.jar
COMPONENTS=samples/components
WORK=$(mktemp -d)
PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
[ -f "$JAR" ] || { echo "build first: ./mvnw -B -DskipTests package"; exit 1; }

# start NAME COMMAND...: runs a server, waits for "Listening on", sets URL.
start() {
  local name=$1; shift
  "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" &
  PIDS+=($!)
  for _ in $(seq 600); do grep -q Listening "$WORK/$name.out" && break; sleep 0.1; done
  URL=$(sed -n 's/^Listening on //p' "$WORK/$name.out")
  [ -n "$URL" ] || { cat "$WORK/$name.err"; exit 1; }
}
stop_last() { kill "${PIDS[-1]}"; wait "${PIDS[-1]}" 2>/dev/null || true; unset 'PIDS[-1]'; }

# load URL CONNECTIONS: a warm-up, then one measured wrk run; prints "req/s p50 p99".
load() {
  wrk -t2 -c"$2" -d3s "$1" >/dev/null
  wrk -t2 -c"$2" -d"${SECONDS_PER_RUN}s" --latency "$1" >"$WORK/wrk"
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2} END {printf "%d %s %s", r, p50, p99}' "$WORK/wrk"
}

# echo_rate URL: MB/s of one 200 MB body streamed through /echo, bytes checked.
head -c $((200 << 20)) /dev/urandom >"$WORK/body"
SENT=$(sha256sum <"$WORK/body" | cut -d' ' -f1)
echo_rate() {
  curl -s --data-binary "@$WORK/body" "$1echo" -o "$WORK/echoed" -w '%{time_total}' >"$WORK/t"
  [ "$(sha256sum <"$WORK/echoed" | cut -d' ' -f1)" = "$SENT" ] || { echo "echoed bytes differ"; exit 1; }
  awk '{printf "%.0f", 200 / $1}' "$WORK/t"
}

row() { printf '| %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

start plain java ${JAVA_OPTS:-} -cp "$JAR" it-tests/load/PlainServlet.java 0
read -r P_RPS P_P50 P_P99 <<<"$(load "${URL}hello" 32)"
P_ECHO=$(echo_rate "$URL")
read -r PJ_RPS PJ_P50 PJ_P99 <<<"$(load "${URL}hello" 8)"
stop_last

start c java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 --engine "${ENGINE:-auto}" \
  --pool "${POOL:-16}" --compile-cache none "$COMPONENTS/hello-c/hello-c.wasm"
read -r C_RPS C_P50 C_P99 <<<"$(load "${URL}hello" 32)"
C_ECHO=$(echo_rate "$URL")
stop_last

T0=$(date +%s%N)
start js java ${JAVA_OPTS:-} -jar "$JAR" serve --port 0 --engine "${ENGINE:-auto}" \
  --pool "${POOL:-16}" --compile-cache none "$COMPONENTS/hello-js/hello-js.wasm"
curl -s -o /dev/null "${URL}hello"
JS_START=$(( ($(date +%s%N) - T0) / 1000000 ))
read -r J_RPS J_P50 J_P99 <<<"$(load "${URL}hello" 8)"
stop_last

echo "wrk -t2, ${SECONDS_PER_RUN} s per run after a 3 s warm-up; one server at a time;" \
  "engine ${ENGINE:-auto}, pool ${POOL:-16}"
row "work" "plain servlet" "wasm" "ratio"
row "---" "---" "---" "---"
row "C hello, 32 connections" "$P_RPS req/s (p50 $P_P50, p99 $P_P99)" "$C_RPS req/s (p50 $C_P50, p99 $C_P99)" "$(ratio "$C_RPS" "$P_RPS")"
row "componentize-js hello, 8 connections" "$PJ_RPS req/s (p50 $PJ_P50, p99 $PJ_P99)" "$J_RPS req/s (p50 $J_P50, p99 $J_P99)" "$(ratio "$J_RPS" "$PJ_RPS")"
row "200 MB echo through hello-c, one client" "$P_ECHO MB/s" "$C_ECHO MB/s" "$(ratio "$C_ECHO" "$P_ECHO")"
row "componentize-js, start to first response" "–" "$JS_START ms" "–"
