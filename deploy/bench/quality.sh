#!/usr/bin/env bash
# ./tierdesk bench quality [tickets] [heap]
# The quality report over a year of tickets, in bounded memory: sla-monitor as its own process with a small heap
# (own-service.sh), tickets quality rows spread over the last 365 days (80 % resolved, 70 % closed, 30 % rated,
# 50 agents, four plans, five channels) with two SLA facts each and an escalation for one in five, then the year's
# report by week and by agent, then the year's CSV. Prints each answer's status, size and time, the heap the service
# ran with, its peak resident memory (VmHWM) and the heap in use after the reports.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TICKETS="${1:-500000}"; HEAP="${2:-128m}"
PORT=18094
source "$ROOT/deploy/bench/own-service.sh"

sql() { psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" -c "$1"; }

bench_start sla-monitor "$PORT" "-Xmx$HEAP"
TOKEN="$("$ROOT/tierdesk" token supervisor bench)"
echo "== $TICKETS tickets over a year, written into the projection" >&2
T0="$(date +%s)"
sql "
INSERT INTO quality_ticket (ticket_id, plan, channel, opened_at, repeat_contact, tier, agent, first_response_at,
    public_messages, resolved_at, resolved_tier, reopens, closed_at, rating, rated_at)
SELECT gen_random_uuid(), (ARRAY['warranty','post-warranty','premium','self-service'])[1 + g % 4],
    (ARRAY['email','web','chat','phone','messenger'])[1 + g % 5], o, g % 17 = 0, (ARRAY['L1','L1','L1','L2','L3'])[1 + g % 5],
    'agent-' || (g % 50), o + random() * interval '4 hours', 1 + g % 3,
    CASE WHEN g % 5 <> 0 THEN o + random() * interval '3 days' END, CASE WHEN g % 5 <> 0 THEN (ARRAY['L1','L1','L1','L2'])[1 + g % 4] END,
    CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END,
    CASE WHEN g % 10 < 7 AND g % 5 <> 0 THEN o + interval '4 days' END,
    CASE WHEN g % 10 < 3 AND g % 5 <> 0 THEN 1 + g % 5 END, CASE WHEN g % 10 < 3 AND g % 5 <> 0 THEN o + interval '5 days' END
FROM (SELECT g, now() - interval '365 days' + random() * interval '360 days' AS o FROM generate_series(1, $TICKETS) g) x" >/dev/null
sql "
INSERT INTO quality_fact (ticket_id, kind, at, detail)
SELECT ticket_id, CASE WHEN random() < 0.9 THEN 'SLA_MET' ELSE 'SLA_BREACHED' END, first_response_at, 'first-response'
FROM quality_ticket
UNION ALL SELECT ticket_id, CASE WHEN random() < 0.85 THEN 'SLA_MET' ELSE 'SLA_BREACHED' END, resolved_at, 'resolution'
FROM quality_ticket WHERE resolved_at IS NOT NULL
UNION ALL SELECT ticket_id, 'ESCALATED', opened_at + interval '1 hour', 'L1>L2' FROM quality_ticket WHERE tier <> 'L1'" >/dev/null
sql "ANALYZE quality_ticket; ANALYZE quality_fact" >/dev/null
echo "   written in $(( $(date +%s) - T0 )) s: $(sql "SELECT count(*) FROM quality_ticket") tickets, $(sql "SELECT count(*) FROM quality_fact") facts" >&2

FROM="$(date -u -d '365 days ago' +%Y-%m-%dT00:00:00Z)"; TO="$(date -u -d 'tomorrow' +%Y-%m-%dT00:00:00Z)"
report() {
  local query="$1" accept="$2" out
  out="$(curl -sS -o "$OUT/report" -w '%{http_code} %{size_download} %{time_total}' -H "Authorization: Bearer $TOKEN" \
    -H "Accept: $accept" "http://127.0.0.1:$PORT/api/v1/reports/quality?from=$FROM&to=$TO&$query")"
  read -r status size seconds <<<"$out"
  printf '%-34s status %s, %8s bytes, %6.2f s\n' "$query ($accept)" "$status" "$size" "$seconds"
  [[ "$status" == 200 ]] || head -c 400 "$OUT/report" >&2
}
echo "== the year's report (heap $HEAP)" >&2
report "groupBy=week&zone=Europe/Moscow" application/json
report "groupBy=agent" application/json
report "groupBy=day" text/csv
report "groupBy=week&zone=Europe/Moscow" application/json
HEAP_USED="$(curl -fsS "http://127.0.0.1:$PORT/q/metrics" | grep '^jvm_memory_used_bytes' | grep 'area="heap"' \
  | awk '{ s += $NF } END { printf "%.0f", s / 1048576 }')"
PEAK_RSS="$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVICE_PID/status")"
echo "heap limit $HEAP, heap in use after the reports ${HEAP_USED} MiB, peak resident ${PEAK_RSS} MiB"
echo "(date $(date -u +%Y-%m-%d), $(nproc) cores)"
