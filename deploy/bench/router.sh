#!/usr/bin/env bash
# ./tierdesk bench router [agents] [burst] [rate] [seconds]
# Routing decisions per second and TicketOpened -> TicketAssigned lag at a fixed rate. The router runs as its own
# process on the current build, with a fresh database and its own topics (own-service.sh); pgbench's single-row
# append is measured in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
AGENTS="${1:-200}"; BURST="${2:-3000}"; RATE="${3:-50}"; SECONDS_AT_RATE="${4:-20}"
PORT=18092
source "$ROOT/deploy/bench/own-service.sh"

# The baseline first, on a quiet machine: afterwards the service would still be catching up on its projections.
"$ROOT/tierdesk" infra up
PG_RAW="$(bench_pg_raw)"
bench_start escalation-router "$PORT"
TOKEN="$("$ROOT/tierdesk" token supervisor bench-supervisor)"
echo "== escalation-router (own process, fresh database): $AGENTS agents, a burst of $BURST tickets, then $RATE/s for ${SECONDS_AT_RATE}s" >&2
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  "$ROOT/deploy/bench/RouterLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" "$KAFKA" "$AGENTS" "$BURST" "$RATE" \
  "$SECONDS_AT_RATE" "$PREFIX" | tee "$OUT/router.txt"

DECISIONS="$(sed -n -E 's/^router.burst.decisions_per_s=([0-9.]+).*/\1/p' "$OUT/router.txt")"
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
printf 'routing decisions        %8.0f tickets/s  our/raw %s\n' "$DECISIONS" "$(ratio "$DECISIONS" "$PG_RAW")"
printf 'raw PostgreSQL append    %8.0f rows/s\n' "$PG_RAW"
grep '^router.lag' "$OUT/router.txt"
