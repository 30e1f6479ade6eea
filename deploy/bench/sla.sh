#!/usr/bin/env bash
# ./tierdesk bench sla [tickets] [burst] [spread seconds]
# sla-monitor's timers under load, as its own process on a fresh database (own-service.sh):
#  - tickets premium tickets with open first-response and resolution clocks (2 x tickets open clocks): one opened
#    over the broker, the rest cloned from it in the database, their first responses due over the spread seconds
#    after a start, burst of them in one and the same second in the middle;
#  - the service's CPU while it idles with all those clocks open (nothing due yet);
#  - the firing delay (announcement time minus due time of each SlaBreached in the event store) p50/p99/max, and
#    the burst's drain rate, beside the relay's raw throughput measured in the same run (RelayBenchmark);
#  - a restart: the service is killed (SIGKILL) for 20 s while moments keep falling due, and the time it takes from
#    its start to have announced every moment missed.
# Warnings are switched off in the premium policy first so that each clock has one moment: the breach.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TICKETS="${1:-100000}"; BURST="${2:-10000}"; SPREAD="${3:-300}"
PORT=18093
DOWN=20
source "$ROOT/deploy/bench/own-service.sh"

sql() { psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" -c "$1"; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$SERVICE_PID/stat"; }
now() { date +%s.%N; }

RELAY="$(bench_relay_raw)"

bench_start sla-monitor "$PORT"
TOKEN="$("$ROOT/tierdesk" token supervisor bench)"
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$PORT/api/v1/policies/premium" -H "Authorization: Bearer $TOKEN" \
  -H 'Content-Type: application/json' \
  -d '{"calendar":"24x7","defaultPriority":"P3","warnings":[],"targets":{"P3":{"firstResponse":"PT1H","resolution":"PT24H"}}}'

echo "== $TICKETS premium tickets, first responses due over ${SPREAD}s, $BURST of them in one second" >&2
java -cp "$HOME_DIR/kafka/libs/*" "$ROOT/deploy/bench/SlaLoad.java" "$KAFKA" "$PREFIX" 1 openings
until [[ "$(sql "SELECT count(*) FROM sla_timer")" -ge 2 ]]; do sleep 0.5; done
# The clones start 1 h before their first response falls due (its target), one minute from now onwards.
START="$(( $(date +%s) + 60 ))"
BURST_AT="$(( START + SPREAD / 2 ))"
sql "
WITH template AS (SELECT state, (SELECT c #>> '{runs,0,from}' FROM jsonb_each(state -> 'clocks') AS e(k, c) LIMIT 1) AS started
                  FROM sla_ticket LIMIT 1),
clone AS MATERIALIZED (
  SELECT gen_random_uuid() AS id,
         CASE WHEN g <= $BURST THEN to_timestamp($BURST_AT) + random() * interval '1 second'
              ELSE to_timestamp($START) + random() * interval '$SPREAD seconds' END AS due
  FROM generate_series(1, $TICKETS - 1) g),
tickets AS (
  INSERT INTO sla_ticket (ticket_id, state, stream_version, tier, updated_at)
  SELECT c.id, replace(replace(t.state::text, (t.state ->> 'ticketId'), c.id::text),
                       t.started,
                       to_char((c.due - interval '1 hour') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'))::jsonb,
         0, 'L1', now()
  FROM clone c, template t)
INSERT INTO sla_timer (ticket_id, clock, threshold, due_at)
SELECT id, 'first-response', 1, due FROM clone UNION ALL SELECT id, 'resolution', 1, due + interval '23 hours' FROM clone" >/dev/null
OPEN_CLOCKS="$(sql "SELECT count(*) FROM sla_timer")"

echo "== idle: 20 s with $OPEN_CLOCKS open clocks, none due" >&2
sleep 5
T0="$(cpu_ticks)"; W0="$(now)"; sleep 20; T1="$(cpu_ticks)"; W1="$(now)"
HZ="$(getconf CLK_TCK)"
IDLE="$(awk -v d="$((T1 - T0))" -v hz="$HZ" -v w0="$W0" -v w1="$W1" 'BEGIN { printf "%.2f", d / hz / (w1 - w0) * 100 }')"

echo "== firing; the service is killed ${DOWN}s after the burst and started again ${DOWN}s later" >&2
while [[ "$(date +%s)" -lt $((BURST_AT + DOWN)) ]]; do sleep 1; done
KILLED="$(now)"
kill -9 "$SERVICE_PID"; wait "$SERVICE_PID" 2>/dev/null || true
sleep "$DOWN"
MISSED_BY="$(date -u -d "@$(now)" +%Y-%m-%dT%H:%M:%S.%NZ)"
bench_launch sla-monitor "$PORT"
READY="$(now)"
until [[ "$(sql "SELECT count(*) FROM sla_timer WHERE due_at <= '$MISSED_BY'")" -eq 0 ]]; do sleep 0.2; done
CAUGHT_UP="$(now)"
until [[ "$(sql "SELECT count(*) FROM sla_timer WHERE due_at <= to_timestamp($((START + SPREAD + 1)))")" -eq 0 ]]; do sleep 1; done

KILLED_TS="$(date -u -d "@$KILLED" +%Y-%m-%dT%H:%M:%S.%NZ)"
stats() { # stats WHERE: p50, p99, max firing delay in ms and count
  sql "SELECT count(*), round(percentile_cont(0.5) WITHIN GROUP (ORDER BY d)), round(percentile_cont(0.99) WITHIN GROUP (ORDER BY d)), round(max(d))
       FROM (SELECT extract(epoch FROM (payload->>'at')::timestamptz - (payload->>'dueAt')::timestamptz) * 1000 AS d,
                    (payload->>'dueAt')::timestamptz AS due FROM event WHERE type = 'tierdesk.sla.breached.v1') b WHERE $1" \
    | awk -F'|' '{ printf "%d breaches: p50 %s ms, p99 %s ms, max %s ms\n", $1, $2, $3, $4 }'
}
BURST_FROM="$(date -u -d "@$BURST_AT" +%Y-%m-%dT%H:%M:%SZ)"
BURST_RATE="$(sql "SELECT round($BURST / extract(epoch FROM max((payload->>'at')::timestamptz) - '$BURST_FROM'::timestamptz)) FROM event
  WHERE type = 'tierdesk.sla.breached.v1' AND (payload->>'dueAt')::timestamptz >= '$BURST_FROM' AND (payload->>'dueAt')::timestamptz < '$BURST_FROM'::timestamptz + interval '1 second'")"
MISSED="$(sql "SELECT count(*) FROM event WHERE type = 'tierdesk.sla.breached.v1' AND (payload->>'dueAt')::timestamptz >= '$KILLED_TS' AND (payload->>'dueAt')::timestamptz <= '$MISSED_BY'")"
DUPLICATES="$(sql "SELECT count(*) - count(DISTINCT stream_id) FROM event WHERE type = 'tierdesk.sla.breached.v1'")"

echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
echo "open clocks                 $OPEN_CLOCKS ($TICKETS tickets)"
echo "idle CPU                    $IDLE % of one core (20 s, nothing due)"
echo "firing delay, spread        $(stats "due < '$BURST_FROM' OR due >= '$BURST_FROM'::timestamptz + interval '1 second' AND due < '$KILLED_TS'")"
echo "firing delay, burst         $(stats "due >= '$BURST_FROM' AND due < '$BURST_FROM'::timestamptz + interval '1 second'")"
echo "burst drained at            $BURST_RATE timers/s; relay raw $RELAY events/s: ratio $(ratio "$BURST_RATE" "$RELAY")"
awk -v s="$SERVICE_STARTED" -v r="$READY" -v c="$CAUGHT_UP" -v m="$MISSED" 'BEGIN {
  printf "restart catch-up            %d moments missed in %d s down: all announced %.1f s after the start (%.1f s after ready)\n", m, '"$DOWN"', c - s, c - r }'
echo "duplicates                  $DUPLICATES breaches announced twice"
