#!/usr/bin/env bash
# ./tierdesk bench notify [rate] [seconds] [burst]
# notification-service as its own process on a fresh database (own-service.sh), mail to the local catcher
# (GreenMail, started with the infra) and webhooks to a receiver in deploy/bench/NotifyLoad.java that answers 204:
#  - after a warm-up of 10 s at the same rate, rate openings per second for seconds, half by e-mail (a receipt mail), half by chat (a receipt to the webhook):
#    event -> SMTP acceptance and event -> webhook 2xx latency p50/p99 (event time in its CloudEvent, acceptance
#    time as the worker recorded it);
#  - then burst openings at once: deliveries per second until the last is accepted, beside the relay's raw
#    throughput measured in the same run (RelayBenchmark).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RATE="${1:-50}"; DURATION="${2:-20}"; BURST="${3:-4000}"
PORT=18095
HOOK_PORT="${TIERDESK_BENCH_HOOK_PORT:-18195}"
source "$ROOT/deploy/bench/own-service.sh"

sql() { psql -tA -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d "$BENCH_DB" -c "$1"; }
now() { date +%s.%N; }

RELAY="$(bench_relay_raw)"

bench_start notification-service "$PORT" -Dquarkus.mailer.host="${TIERDESK_SMTP_HOST:-127.0.0.1}" \
  -Dquarkus.mailer.port="${TIERDESK_SMTP_PORT:-3025}"
SECRET="whsec_$(openssl rand -base64 24)"
curl -fsS -o /dev/null -X PUT "http://127.0.0.1:$PORT/api/v1/webhooks/bench-chat" \
  -H "Authorization: Bearer $("$ROOT/tierdesk" token admin bench-admin)" -H 'Content-Type: application/json' \
  -d "{\"url\": \"http://127.0.0.1:$HOOK_PORT/hook\", \"secret\": \"$SECRET\", \"channels\": [\"chat\"]}"

load() { exec java -cp "$HOME_DIR/kafka/libs/*" "$ROOT/deploy/bench/NotifyLoad.java" "$KAFKA" "$PREFIX" "$HOOK_PORT" "$@"; }
# settle N: waits until N deliveries exist and none is pending or being sent.
settle() {
  until [[ "$(sql "SELECT count(*) FROM delivery WHERE medium <> 'stream'")" -ge "$1" \
        && "$(sql "SELECT count(*) FROM delivery WHERE state IN ('pending', 'sending')")" -eq 0 ]]; do sleep 0.5; done
}

WARM=$((RATE * 10))
echo "== warm-up: $WARM openings at $RATE/s" >&2
load "$WARM" "$RATE" 600 >"$OUT/warm.txt" &
LOAD_PID=$!
settle "$WARM"
kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true
STEADY_FROM="$(sql "SELECT clock_timestamp()")"

OPENINGS=$((RATE * DURATION))
echo "== $OPENINGS openings at $RATE/s, half by e-mail, half by webhook" >&2
load "$OPENINGS" "$RATE" 600 >"$OUT/steady.txt" &
LOAD_PID=$!
settle "$((WARM + OPENINGS))"
kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true
LATENCY="$(sql "SELECT medium || ': p50 ' || round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY
    extract(epoch FROM delivered_at - event_time)) * 1000 AS numeric), 1) || ' ms, p99 '
    || round(CAST(percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - event_time)) * 1000
    AS numeric), 1) || ' ms (' || count(*) || ' delivered, ' || count(*) FILTER (WHERE attempts > 1) || ' retried)'
    FROM delivery WHERE state = 'delivered' AND medium <> 'stream' AND event_time >= '$STEADY_FROM'
    GROUP BY medium ORDER BY medium")"
# Where the time goes: from the event to its delivery row (the consumer), and from the row to the acceptance (the
# worker and the medium).
SPLIT="$(sql "SELECT medium || ': to the row p50 ' || round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY
    extract(epoch FROM created_at - event_time)) * 1000 AS numeric), 1) || ' ms, row to acceptance p50 '
    || round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM delivered_at - created_at)) * 1000
    AS numeric), 1) || ' ms' FROM delivery WHERE state = 'delivered' AND medium <> 'stream'
    AND event_time >= '$STEADY_FROM' GROUP BY medium ORDER BY medium")"
DEAD="$(sql "SELECT count(*) FROM delivery WHERE state = 'dead'")"
DEAD_WHY="$(sql "SELECT last_error || ': ' || count(*) FROM delivery WHERE state = 'dead' GROUP BY last_error")"

echo "== a burst of $BURST openings at once" >&2
BEFORE="$(sql "SELECT count(*) FROM delivery WHERE medium <> 'stream'")"
load "$BURST" 0 600 >"$OUT/burst.txt" &
LOAD_PID=$!
settle "$((BEFORE + BURST))"
kill "$LOAD_PID" 2>/dev/null || true; wait "$LOAD_PID" 2>/dev/null || true
BURST_RATE="$(sql "SELECT round(CAST(count(*) / extract(epoch FROM max(delivered_at) - min(event_time)) AS numeric), 0)
    FROM (SELECT * FROM delivery WHERE medium <> 'stream' ORDER BY created_at DESC LIMIT $BURST) AS burst")"
DUPLICATES="$(sql "SELECT count(*) - count(DISTINCT (event_id, recipient, medium)) FROM delivery")"

echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
echo "event -> acceptance at $RATE openings/s:"
echo "$LATENCY" | sed 's/^/  /'
echo "$SPLIT" | sed 's/^/  /'
echo "dead deliveries: $DEAD; duplicate rows: $DUPLICATES"
[[ -z "$DEAD_WHY" ]] || echo "$DEAD_WHY" | sed 's/^/  /'
echo "burst delivered at $BURST_RATE deliveries/s; relay raw $RELAY events/s: ratio $(ratio "$BURST_RATE" "$RELAY")"
