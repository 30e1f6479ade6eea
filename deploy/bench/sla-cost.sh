#!/usr/bin/env bash
# ./tierdesk bench sla-cost [tickets] [warm-up tickets]
# What sla-monitor adds per ticket: its CPU time (user + system, from /proc) while it consumes whole ticket lives
# (opening, triage, reply, resolution, closure: 5 events a ticket), as its own process on the current build with a
# fresh database and topics (own-service.sh). A warm-up batch first, so that the JIT has settled.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TICKETS="${1:-5000}"; WARM="${2:-2000}"
PORT=18093
source "$ROOT/deploy/bench/own-service.sh"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat"; }
consumed() {
  psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" \
    -c "SELECT count(*) FROM processed_event WHERE consumer IN ('sla-tickets', 'sla-routing')"
}
# feed N: publishes N ticket lives and waits until sla-monitor has consumed every event.
feed() {
  local before target
  before="$(consumed)"; target=$((before + 5 * $1))
  java -cp "$HOME_DIR/kafka/libs/*" "$ROOT/deploy/bench/SlaLoad.java" "$KAFKA" "$PREFIX" "$1"
  until [[ "$(consumed)" -ge "$target" ]]; do sleep 0.5; done
}

bench_start sla-monitor "$PORT"
echo "== sla-monitor (own process, fresh database): warm-up $WARM tickets, then $TICKETS tickets, 5 events each" >&2
feed "$WARM"
TICKS_BEFORE="$(cpu_ticks)"; START="$(date +%s.%N)"
feed "$TICKETS"
TICKS_AFTER="$(cpu_ticks)"; END="$(date +%s.%N)"
HZ="$(getconf CLK_TCK)"
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
awk -v t="$TICKETS" -v d="$((TICKS_AFTER - TICKS_BEFORE))" -v hz="$HZ" -v s="$START" -v e="$END" 'BEGIN {
  printf "sla.cpu_ms_per_ticket=%.2f (%d tickets, %.1f s of CPU)\n", d / hz * 1000 / t, t, d / hz
  printf "sla.tickets_per_s=%.0f (wall time from the first publish to the last event consumed)\n", t / (e - s)
}'
