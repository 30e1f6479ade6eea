#!/usr/bin/env bash
# ./tierdesk bench router [agents] [burst] [rate] [seconds]
# Routing decisions per second and TicketOpened -> TicketAssigned lag at a fixed rate. The router runs as its own
# process on the current build, with a fresh database and its own topics, so neither the developer's local data nor
# an old backlog on tierdesk.tickets takes part; pgbench's single-row append is measured in the same run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
AGENTS="${1:-200}"; BURST="${2:-3000}"; RATE="${3:-50}"; SECONDS_AT_RATE="${4:-20}"
KAFKA="${TIERDESK_KAFKA_HOST:-127.0.0.1}:${TIERDESK_KAFKA_PORT:-9092}"
PG_HOST="${TIERDESK_PG_HOST:-127.0.0.1}"; PG_PORT="${TIERDESK_PG_PORT:-5432}"
RUN="bench$(date +%s)"
DB="tdt_router_${RUN}"
PREFIX="${RUN}."
PORT=18092
OUT="$(mktemp -d)"
export PGPASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"

"$ROOT/tierdesk" infra up
[[ -f "$ROOT/escalation-router/target/quarkus-app/quarkus-run.jar" ]] || "$ROOT/tierdesk" build
TOKEN="$("$ROOT/tierdesk" token supervisor bench-supervisor)"

cleanup() {
  [[ -n "${ROUTER_PID:-}" ]] && kill "$ROUTER_PID" 2>/dev/null && wait "$ROUTER_PID" 2>/dev/null || true
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "${PREFIX//./\\.}.*" >/dev/null 2>&1 || true
  rm -rf "$OUT"
}
trap cleanup EXIT

psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c "CREATE DATABASE $DB"
sed "s/^/$PREFIX/" "$ROOT/deploy/kafka/topics.txt" >"$OUT/topics.txt"
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  "$ROOT/deploy/kafka/CreateTopics.java" "$KAFKA" 3 "$OUT/topics.txt"

java -Xmx512m -Dquarkus.http.port=$PORT -Dtierdesk.db.host="$PG_HOST" -Dtierdesk.db.port="$PG_PORT" \
  -Dtierdesk.db.name="$DB" -Dquarkus.datasource.username=tierdesk_test ${PGPASSWORD:+-Dquarkus.datasource.password=$PGPASSWORD} \
  -Dkafka.bootstrap.servers="$KAFKA" -Dtierdesk.eventing.topic-prefix="$PREFIX" \
  -Dmp.jwt.verify.publickey.location="$HOME_DIR/jwt/public.pem" -Dmp.jwt.verify.issuer="${TIERDESK_JWT_ISSUER:-https://tierdesk.local}" \
  -jar "$ROOT/escalation-router/target/quarkus-app/quarkus-run.jar" >"$OUT/router.log" 2>&1 &
ROUTER_PID=$!
for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/q/health/ready" >/dev/null 2>&1 && break
  kill -0 "$ROUTER_PID" 2>/dev/null || { tail -n 30 "$OUT/router.log" >&2; exit 1; }
  sleep 1
done

echo "== escalation-router (own process, fresh database): $AGENTS agents, a burst of $BURST tickets, then $RATE/s for ${SECONDS_AT_RATE}s" >&2
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  "$ROOT/deploy/bench/RouterLoad.java" "http://127.0.0.1:$PORT" "$TOKEN" "$KAFKA" "$AGENTS" "$BURST" "$RATE" \
  "$SECONDS_AT_RATE" "$PREFIX" | tee "$OUT/router.txt"

echo "== raw PostgreSQL: pgbench, single-row appends, 2 clients, 10 s" >&2
PG_RAW="$("$ROOT/deploy/bench/pgbench-append.sh" 200)"
DECISIONS="$(sed -n -E 's/^router.burst.decisions_per_s=([0-9.]+).*/\1/p' "$OUT/router.txt")"
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
printf 'routing decisions        %8.0f tickets/s  our/raw %s\n' "$DECISIONS" \
  "$(awk -v a="$DECISIONS" -v b="$PG_RAW" 'BEGIN { printf "%.3f", a / b }')"
printf 'raw PostgreSQL append    %8.0f rows/s\n' "$PG_RAW"
grep '^router.lag' "$OUT/router.txt"
