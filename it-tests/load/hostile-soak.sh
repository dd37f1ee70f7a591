#!/usr/bin/env bash
# Soaks `wasi-http serve` with the hostile-c sample under limits and prints what a well-behaved
# route on the same component keeps: 64 connections ask hostile-c's misbehaving routes in turn
# (wrk with hostile.lua) while `wrk -c4` measures /hi, for SECONDS. Prints /hi's req/s, p50, p99
# and answers by status, alone (5 s before the load) and under the load, the hostile requests by
# outcome, and the server's heap after a full GC and its thread count, before and after the load.
# /hi shares the component's --max-concurrent slots with the hostile requests, so under the load
# some of its requests may wait 1 s and get a 503 (with Retry-After): that is the limit at work.
#
#   it-tests/load/hostile-soak.sh [SECONDS]   (default 60)
#
# The server runs with --timeout 2s --max-concurrent 32 --max-memory 64MiB (and JAVA_OPTS, default
# -Xmx1g). The hostile routes are /loop /trap /no-response /unfinished /poll-forever /leak, and
# /grow (unless GROW=0); ROUTES="/loop /leak" (space-separated) asks only those. The server's log
# lines are counted by kind (numbers blanked). The script fails, after printing its figures, on: a
# request without an answer within 30 s (wrk's timeout); a hostile 200 or 404, or a 503 without
# Retry-After; a /hi answered other than 200 alone, or other than 200, 503 or 504 under the load
# (a /hi starved of CPU past the timeout gets its 504); an ERROR or an exception in the server's
# log.
# Needs: ./mvnw -B -DskipTests package (samples/cli/target/wasi-http.jar), wrk (Debian package
# `wrk`), curl, jcmd (JDK). Every connection stays on 127.0.0.1.
set -eEuo pipefail
shopt -s inherit_errexit
cd "$(dirname "$0")/../.."
DURATION=${1:-60}
GROW=${GROW:-1}
JAR=samples/cli/target/wasi-http.jar
COMPONENT=samples/components/hostile-c/hostile-c.wasm
LUA=it-tests/load/hostile.lua
WORK=$(mktemp -d)
PID=
cleanup() {
  [ -z "$PID" ] || { kill "$PID" 2>/dev/null || true; wait "$PID" 2>/dev/null || true; }
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
trap 'echo "FAILED: line $LINENO: $BASH_COMMAND" >&2' ERR
fail() { echo "FAILED: $*" >&2; exit 1; }
say() { echo "$*" >&2; }
command -v wrk >/dev/null || fail "wrk is missing: apt-get install wrk"
command -v jcmd >/dev/null || fail "jcmd is missing (a JDK's bin)"
[ -f "$JAR" ] || fail "build first: ./mvnw -B -DskipTests package"
[[ "$DURATION" =~ ^[1-9][0-9]*$ ]] || fail "SECONDS must be a positive integer"
if [ -n "${ROUTES:-}" ]; then
  read -r -a ROUTES <<<"$ROUTES"
else
  ROUTES=(/loop /trap /no-response /unfinished /poll-forever /leak)
  [ "$GROW" = 0 ] || ROUTES+=(/grow)
fi

# The server: exec, so that $PID is the JVM's.
(exec java ${JAVA_OPTS:--Xmx1g} -jar "$JAR" serve --port 0 --compile-cache none \
  --timeout 2s --max-concurrent 32 --max-memory 64MiB "$COMPONENT") \
  >"$WORK/out" 2>"$WORK/err" &
PID=$!
for _ in $(seq 3000); do
  grep -q Listening "$WORK/out" && break
  kill -0 "$PID" 2>/dev/null || break
  sleep 0.02
done
URL=$(sed -n 's/^Listening on //p' "$WORK/out")
[ -n "$URL" ] || { cat "$WORK/err" >&2; fail "serve did not start"; }
[ "$(curl -sS "${URL}hi")" = hi ] || fail "GET ${URL}hi did not answer hi"

# heap_mb: the server's used heap in MB right after a full GC.
heap_mb() {
  jcmd "$PID" GC.run >/dev/null
  jcmd "$PID" GC.heap_info | awk '/used/ && /total/ {
    for (i = 1; i < NF; i++) if ($i == "used") { sub(/K,?$/, "", $(i + 1)); print int($(i + 1) / 1024); exit }
  }'
}
threads() { ls "/proc/$PID/task" | wc -l; }

# hi_wrk SECONDS OUT: /hi with 4 connections, statuses counted by hostile.lua.
hi_wrk() {
  wrk -t1 -c4 -d"${1}s" --timeout 30s --latency -s "$LUA" "$URL" -- /hi >"$2"
}
# figures OUT: "req/s p50 p99 statuses" of a wrk run with hostile.lua.
figures() {
  awk '/Requests\/sec/ {r=$2} /^ +50%/ {p50=$2} /^ +99%/ {p99=$2}
    $1 == "status" {s = s sep $2 ": " $3; sep=", "}
    $1 ~ /^(aborted|timeout|connect|write)$/ && $2 > 0 {s = s sep $1 ": " $2; sep=", "}
    END {printf "%d req/s, p50 %s, p99 %s (%s)\n", r, p50, p99, s}' "$1"
}
# unexpected OUT ALLOWED-REGEX: the lines of OUT's outcomes that ALLOWED-REGEX does not match.
unexpected() {
  awk -v ok="$2" '($1 == "status" && $2 !~ ok) || ($1 ~ /^(aborted|timeout|connect|write)$/ && $2 > 0 && $1 !~ ok)' "$1"
}

hi_wrk 5 "$WORK/alone" # also the warm-up
HEAP_BEFORE=$(heap_mb)
THREADS_BEFORE=$(threads)

say "hostile-c for ${DURATION} s: 64 connections on ${ROUTES[*]}, wrk -c4 on /hi"
wrk -t2 -c64 -d"${DURATION}s" --timeout 30s -s "$LUA" "$URL" -- "${ROUTES[@]}" \
  >"$WORK/hostile" 2>&1 &
HOSTILE=$!
hi_wrk "$DURATION" "$WORK/hi"
wait "$HOSTILE"

# What the hostile requests still hold ends within the 2 s timeout; then the settled figures.
sleep 5
HEAP_AFTER=$(heap_mb)
THREADS_AFTER=$(threads)
[ "$(curl -sS "${URL}hi")" = hi ] || fail "GET ${URL}hi after the load did not answer hi"

echo "hostile-c soak, ${DURATION} s, $(nproc) cores, JAVA_OPTS ${JAVA_OPTS:--Xmx1g}:"
echo "  /hi alone (wrk -c4, 5 s): $(figures "$WORK/alone")"
echo "  /hi under the load:       $(figures "$WORK/hi")"
echo "  hostile (64 connections): $(figures "$WORK/hostile" | sed 's/, p50.*(/ (/')"
echo "  heap after a full GC: ${HEAP_BEFORE} MB before, ${HEAP_AFTER} MB after;" \
  "threads ${THREADS_BEFORE} before, ${THREADS_AFTER} after"
echo "  server log:"
sed -e 's/^[-0-9: .]*//' -e 's/^INFO :[^ ]* //' -e 's/[0-9][0-9]*/#/g' "$WORK/err" \
  | sort | uniq -c | sort -rn | sed 's/^/  /'
BAD_HI=$(unexpected "$WORK/alone" '^200$'; unexpected "$WORK/hi" '^(200|503|504)$')
BAD_HOSTILE=$(unexpected "$WORK/hostile" '^(500|503|504|aborted)$')
grep -q '^status ' "$WORK/hostile" || { cat "$WORK/hostile" >&2; fail "no hostile request ended"; }
[ -z "$BAD_HI" ] || fail "/hi: $BAD_HI"
[ -z "$BAD_HOSTILE" ] || fail "hostile routes: $BAD_HOSTILE"
if grep -q -e 'ERROR' -e 'Exception' -e 'Error:' "$WORK/err"; then
  fail "the server logged an error (above)"
fi
