#!/usr/bin/env bash
# ./tierdesk bench intake [batch-events] [batch-size] [rate] [seconds] [single-events]
# Channel events accepted per second (single and batch) and latency at a fixed rate. ticket-intake runs as its own
# process on the current build, with a fresh database and its own topics (own-service.sh), so the developer's local
# data and the view projection's backlog from earlier runs take no part; pgbench's single-row append is measured in
# the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# Long enough for the JIT to settle: the first seconds of a fresh JVM are several times slower.
EVENTS="${1:-100000}"; BATCH="${2:-1000}"; RATE="${3:-100}"; SECONDS_AT_RATE="${4:-20}"; SINGLE="${5:-5000}"
PORT=18091
source "$ROOT/deploy/bench/own-service.sh"

# The baseline first, on a quiet machine: afterwards the service would still be catching up on its projections.
"$ROOT/tierdesk" infra up
PG_RAW="$(bench_pg_raw)"
bench_start ticket-intake "$PORT"
TOKEN="$("$ROOT/tierdesk" token channel bench-adapter)"
echo "== ticket-intake (own process, fresh database): $SINGLE events single, $EVENTS in batches of $BATCH, then $RATE/s for ${SECONDS_AT_RATE}s" >&2
java "$ROOT/deploy/bench/IntakeLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" "$EVENTS" "$BATCH" "$RATE" \
  "$SECONDS_AT_RATE" "$SINGLE" | tee "$OUT/intake.txt"

SINGLE_RATE="$(sed -n -E 's/^intake.single.events_per_s=([0-9.]+).*/\1/p' "$OUT/intake.txt")"
BATCHED="$(sed -n -E 's/^intake.batch.events_per_s=([0-9.]+).*/\1/p' "$OUT/intake.txt")"
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
printf 'intake single            %8.0f events/s   our/raw %s\n' "$SINGLE_RATE" "$(ratio "$SINGLE_RATE" "$PG_RAW")"
printf 'intake batch             %8.0f events/s   our/raw %s\n' "$BATCHED" "$(ratio "$BATCHED" "$PG_RAW")"
printf 'raw PostgreSQL append    %8.0f rows/s\n' "$PG_RAW"
grep -E '^intake.(latency|view)' "$OUT/intake.txt"
