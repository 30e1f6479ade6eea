#!/usr/bin/env bash
# ./tierdesk bench sla-cost|knowledge-cost|notification-cost [tickets] [warm-up tickets]
# What one consuming service adds per ticket: its CPU time (user + system, from /proc) while it consumes whole
# ticket lives (opening, triage, reply, resolution, closure: 5 events a ticket, 4 on tierdesk.tickets and 1 on
# tierdesk.routing), as its own process on the current build with a fresh database and topics (own-service.sh).
# A warm-up batch first, so that the JIT has settled. knowledge-service is given ARTICLES published articles first
# (1,000: the evaluation set repeated) and tickets whose subjects are the evaluation set's queries, so that every
# opening is a real search.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
SERVICE="$1"; TICKETS="${2:-5000}"; WARM="${3:-2000}"
case "$SERVICE" in
  sla-monitor) PORT=18093; CONSUMERS="'sla-tickets', 'sla-routing'"; PER_TICKET=5 ;;
  knowledge-service) PORT=18094; CONSUMERS="'knowledge-tickets'"; PER_TICKET=4 ;;
  notification-service) PORT=18095; CONSUMERS="'notification-tickets', 'notification-routing'"; PER_TICKET=5
    SENDING="SELECT count(*) FROM delivery WHERE state IN ('pending', 'sending')" ;;
  *) echo "no cost benchmark for $SERVICE" >&2; exit 2 ;;
esac
source "$ROOT/deploy/bench/own-service.sh"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat"; }
consumed() {
  psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" \
    -c "SELECT count(*) FROM processed_event WHERE consumer IN ($CONSUMERS)"
}
# feed N: publishes N ticket lives and waits until the service has consumed every event it reads.
feed() {
  local before target
  before="$(consumed)"; target=$((before + PER_TICKET * $1))
  java ${SUBJECTS:+-Dsubjects=$SUBJECTS} -cp "$HOME_DIR/kafka/libs/*" "$ROOT/deploy/bench/SlaLoad.java" "$KAFKA" \
    "$PREFIX" "$1"
  until [[ "$(consumed)" -ge "$target" ]]; do sleep 0.5; done
  # What the service still sends for them (notification-service's mails) counts in the same window.
  [[ -z "${SENDING:-}" ]] || until [[ "$(psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" \
    -c "$SENDING")" -eq 0 ]]; do sleep 0.5; done
}

bench_start "$SERVICE" "$PORT"
if [[ "$SERVICE" == knowledge-service ]]; then
  EVALUATION="$ROOT/knowledge-service/src/test/resources/evaluation"
  echo "== publishing ${ARTICLES:-1000} articles" >&2
  java "$ROOT/deploy/bench/KnowledgeSeed.java" "http://127.0.0.1:$PORT" "$("$ROOT/tierdesk" token agent bench-agent)" \
    "$("$ROOT/tierdesk" token kb-editor bench-editor)" "$EVALUATION/articles.jsonl" "${ARTICLES:-1000}"
  SUBJECTS="$EVALUATION/queries.jsonl"
fi
echo "== $SERVICE (own process, fresh database): warm-up $WARM tickets, then $TICKETS tickets, 5 events each" >&2
feed "$WARM"
TICKS_BEFORE="$(cpu_ticks)"; START="$(date +%s.%N)"
feed "$TICKETS"
TICKS_AFTER="$(cpu_ticks)"; END="$(date +%s.%N)"
HZ="$(getconf CLK_TCK)"
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
awk -v t="$TICKETS" -v d="$((TICKS_AFTER - TICKS_BEFORE))" -v hz="$HZ" -v s="$START" -v e="$END" -v n="$SERVICE" 'BEGIN {
  printf "%s.cpu_ms_per_ticket=%.2f (%d tickets, %.1f s of CPU)\n", n, d / hz * 1000 / t, t, d / hz
  printf "%s.tickets_per_s=%.0f (wall time from the first publish to the last event consumed)\n", n, t / (e - s)
}'
