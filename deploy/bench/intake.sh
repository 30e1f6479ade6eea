#!/usr/bin/env bash
# ./tierdesk bench intake [events] [batch] [rate] [seconds]
# Channel events accepted per second (single and batch) and latency at a fixed rate, against ticket-intake as the
# launcher runs it, beside a pgbench single-row append measured in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EVENTS="${1:-3000}"; BATCH="${2:-100}"; RATE="${3:-100}"; SECONDS_AT_RATE="${4:-20}"
PORT=$(( ${TIERDESK_PORT_BASE:-8080} + 1 ))
OUT="$(mktemp -d)"

# Measure the build in the work tree, not whatever instance happens to run.
"$ROOT/tierdesk" down ticket-intake
"$ROOT/tierdesk" up ticket-intake
TOKEN="$("$ROOT/tierdesk" token channel bench-adapter)"
echo "== ticket-intake on :$PORT: $EVENTS events single, the same in batches of $BATCH, then $RATE/s for ${SECONDS_AT_RATE}s" >&2
java "$ROOT/deploy/bench/IntakeLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" "$EVENTS" "$BATCH" "$RATE" \
  "$SECONDS_AT_RATE" | tee "$OUT/intake.txt"

echo "== raw PostgreSQL: pgbench, single-row appends, 2 clients, 10 s" >&2
PG_RAW="$("$ROOT/deploy/bench/pgbench-append.sh" 200)"
SINGLE="$(sed -n -E 's/^intake.single.events_per_s=([0-9.]+).*/\1/p' "$OUT/intake.txt")"
BATCHED="$(sed -n -E 's/^intake.batch.events_per_s=([0-9.]+).*/\1/p' "$OUT/intake.txt")"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
printf 'intake single            %8.0f events/s   our/raw %s\n' "$SINGLE" "$(ratio "$SINGLE" "$PG_RAW")"
printf 'intake batch             %8.0f events/s   our/raw %s\n' "$BATCHED" "$(ratio "$BATCHED" "$PG_RAW")"
printf 'raw PostgreSQL append    %8.0f rows/s\n' "$PG_RAW"
grep '^intake.latency' "$OUT/intake.txt"
rm -rf "$OUT"
