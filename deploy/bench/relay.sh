#!/usr/bin/env bash
# ./tierdesk bench relay [backlog] [rate] [seconds] [batch]
# Relay throughput and end-to-end lag, beside the raw ceilings measured in the same run on the same machine:
# Kafka's ProducerPerformance (records of our event size, acks=all, idempotent) and a pgbench single-row append.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
BACKLOG="${1:-50000}"; RATE="${2:-500}"; SECONDS_AT_RATE="${3:-20}"; BATCH="${4:-1000}"
OUT="$(mktemp -d)"
KAFKA="${TIERDESK_KAFKA_HOST:-127.0.0.1}:${TIERDESK_KAFKA_PORT:-9092}"

"$ROOT/tierdesk" infra up
echo "== building the benchmark (eventing test classes)" >&2
"$ROOT/mvnw" -B -q -pl ticket-events,eventing install -DskipTests

echo "== Tierdesk relay: backlog $BACKLOG, then $RATE events/s for ${SECONDS_AT_RATE}s" >&2
"$ROOT/mvnw" -B -q -pl eventing exec:java -Dexec.classpathScope=test \
  -Dexec.mainClass=io.tierdesk.eventing.bench.RelayBenchmark \
  -Dexec.args="$BACKLOG $RATE $SECONDS_AT_RATE $BATCH" | tee "$OUT/relay.txt"
PAYLOAD="$(sed -n 's/^relay.payload.bytes=//p' "$OUT/relay.txt")"
RELAY="$(sed -n 's/^relay.throughput.events_per_s=//p' "$OUT/relay.txt")"

echo "== raw Kafka: ProducerPerformance, $BACKLOG records of $PAYLOAD bytes, acks=all, idempotent" >&2
RAW_TOPIC="bench.raw.$(date +%s)"
printf '%s\n' "$RAW_TOPIC" >"$OUT/topics.txt"
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  "$ROOT/deploy/kafka/CreateTopics.java" "$KAFKA" 3 "$OUT/topics.txt"
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  org.apache.kafka.tools.ProducerPerformance --topic "$RAW_TOPIC" --num-records "$BACKLOG" \
  --record-size "$PAYLOAD" --throughput -1 \
  --producer-props bootstrap.servers="$KAFKA" acks=all enable.idempotence=true linger.ms=2 batch.size=131072 \
  | tee "$OUT/kafka.txt"
java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
  org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "$RAW_TOPIC" || true
KAFKA_RAW="$(tail -n 1 "$OUT/kafka.txt" | sed -E 's/.* ([0-9.]+) records\/sec.*/\1/')"

echo "== raw PostgreSQL: pgbench, single-row appends, 2 clients, 10 s" >&2
PG_RAW="$("$ROOT/deploy/bench/pgbench-append.sh" "$PAYLOAD")"

echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
printf 'relay throughput           %10.0f events/s\n' "$RELAY"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf 'raw Kafka producer         %10.0f records/s   our/raw %s\n' "$KAFKA_RAW" "$(ratio "$RELAY" "$KAFKA_RAW")"
printf 'raw PostgreSQL append      %10.0f rows/s      our/raw %s\n' "$PG_RAW" "$(ratio "$RELAY" "$PG_RAW")"
grep '^lag\.' "$OUT/relay.txt"
rm -rf "$OUT"
