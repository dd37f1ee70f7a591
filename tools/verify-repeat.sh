#!/usr/bin/env bash
# Runs the README's test command (`./mvnw -B verify`) RUNS times in a row, each from a fresh clone
# of HEAD, while another full build of the same sources runs beside it the whole time (the "busy
# 2-core machine" CI must survive). Prints each run's time and result; exits 1 if any run failed.
#
#   tools/verify-repeat.sh [RUNS]        # default 5
#
# Logs go to $WORK (default a temporary directory): run-N.log, neighbour.log.
set -uo pipefail
runs="${1:-5}"
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${WORK:-$(mktemp -d)}"
echo "clones and logs in $work"

git clone -q "$root" "$work/neighbour"
# The neighbour: verify in a loop, skipping nothing, until the runs are over; in a session of its
# own so that one signal stops it and its JVMs.
setsid bash -c 'cd "$1/neighbour" && while true; do ./mvnw -B -q verify >>"$1/neighbour.log" 2>&1; done' \
  _ "$work" &
neighbour=$!
trap 'kill -- -$neighbour 2>/dev/null' EXIT

failed=0
for n in $(seq 1 "$runs"); do
  rm -rf "$work/run"
  git clone -q "$root" "$work/run"
  start=$(date +%s)
  if (cd "$work/run" && ./mvnw -B verify >"$work/run-$n.log" 2>&1); then
    result=passed
  else
    result=FAILED
    failed=1
    grep -E "Tests run:.*(Failures: [1-9]|Errors: [1-9])|FAIL" "$work/run-$n.log" | head -20
  fi
  echo "run $n: $result in $(( $(date +%s) - start )) s"
done
exit $failed
