#!/usr/bin/env bash
# Streams a large body through `wasi-http serve` (hello-c's /echo) and reports the server's heap.
#
#   it-tests/load/echo-heap.sh [MEGABYTES] [COMPONENT]   (defaults: 100, hello-c)
#
# The server runs with -Xmx64m: buffering either body would fail. While the echo runs, the
# script samples the server's used heap with jstat every 200 ms and prints the peak, next to the
# peak for a small request, and checks that the echoed bytes are the ones sent.
# Needs: a built samples/cli/target/wasi-http.jar, curl, jstat (JDK), sha256sum.
set -euo pipefail
cd "$(dirname "$0")/../.."
MB=${1:-100}
COMPONENT=${2:-samples/components/hello-c/hello-c.wasm}
JAR=samples/cli/target/wasi-http.jar
WORK=$(mktemp -d)
trap 'kill "$PID" 2>/dev/null || true; rm -rf "$WORK"' EXIT

java -Xmx64m -jar "$JAR" serve --port 0 "$COMPONENT" >"$WORK/out" 2>"$WORK/err" &
PID=$!
for _ in $(seq 100); do grep -q Listening "$WORK/out" && break; sleep 0.1; done
URL=$(sed -n 's/^Listening on //p' "$WORK/out")
[ -n "$URL" ] || { cat "$WORK/err"; exit 1; }

used_kb() { jstat -gc "$PID" | awk 'NR==2 { print int($3 + $4 + $6 + $8) }'; }  # S0U S1U EU OU
sample() { local peak=0 u; while kill -0 "$1" 2>/dev/null; do u=$(used_kb); [ "$u" -gt "$peak" ] && peak=$u; sleep 0.2; done; echo "$peak"; }

curl -s -o /dev/null "$URL" && curl -s -o /dev/null "$URL"
head -c $((MB << 20)) /dev/urandom >"$WORK/body"
SENT=$(sha256sum <"$WORK/body" | cut -d' ' -f1)

( curl -s --data-binary "@$WORK/body" -H 'Content-Type: application/octet-stream' \
    "${URL}echo" | sha256sum | cut -d' ' -f1 >"$WORK/got" ) &
ECHO=$!
PEAK=$(sample "$ECHO")
wait "$ECHO"
[ "$(cat "$WORK/got")" = "$SENT" ] || { echo "echoed bytes differ"; exit 1; }

( for _ in $(seq 20); do curl -s -o /dev/null "$URL"; done ) &
SMALL=$!
SMALL_PEAK=$(sample "$SMALL")
echo "echo of ${MB} MB through $(basename "$COMPONENT") with -Xmx64m: bytes match;" \
  "peak heap used $((PEAK / 1024)) MB (20 small requests: $((SMALL_PEAK / 1024)) MB)"
