# Sourced by the service benchmarks: runs one service from the current build as its own process, on a fresh
# database and its own topics, so neither the developer's local data nor an old backlog takes part; removes both on
# exit. TIERDESK_BENCH_JVM_OPTS adds JVM options to the service (a profiler, say). Needs ROOT; sets HOME_DIR, KAFKA,
# PG_HOST, PG_PORT, OUT, PREFIX and SERVICE_PID.
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
KAFKA="${TIERDESK_KAFKA_HOST:-127.0.0.1}:${TIERDESK_KAFKA_PORT:-9092}"
PG_HOST="${TIERDESK_PG_HOST:-127.0.0.1}"; PG_PORT="${TIERDESK_PG_PORT:-5432}"
BENCH_RUN="bench$(date +%s)"
BENCH_DB="tdt_${BENCH_RUN}"
PREFIX="${BENCH_RUN}."
OUT="$(mktemp -d)"
export PGPASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"

bench_cleanup() {
  [[ -n "${SERVICE_PID:-}" ]] && kill "$SERVICE_PID" 2>/dev/null && wait "$SERVICE_PID" 2>/dev/null || true
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c "DROP DATABASE IF EXISTS $BENCH_DB WITH (FORCE)" || true
  java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$KAFKA" --delete --topic "${PREFIX//./\\.}.*" >/dev/null 2>&1 || true
  rm -rf "$OUT"
}
trap bench_cleanup EXIT

# bench_start MODULE PORT [JVM options...]: builds if needed, creates the database and topics, starts, waits ready.
bench_start() {
  local module="$1" port="$2"; shift 2
  "$ROOT/tierdesk" infra up
  [[ -f "$ROOT/$module/target/quarkus-app/quarkus-run.jar" ]] || "$ROOT/tierdesk" build
  # The service reads the public key at start; on a fresh checkout the first token creates the key pair.
  "$ROOT/tierdesk" token channel bench-key-check >/dev/null
  psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c "CREATE DATABASE $BENCH_DB"
  sed "s/^/$PREFIX/" "$ROOT/deploy/kafka/topics.txt" >"$OUT/topics.txt"
  java -Dlog4j2.configurationFile="$ROOT/deploy/kafka/log4j2.properties" -cp "$HOME_DIR/kafka/libs/*" \
    "$ROOT/deploy/kafka/CreateTopics.java" "$KAFKA" 3 "$OUT/topics.txt"
  bench_launch "$module" "$port" "$@"
}

# bench_launch MODULE PORT [JVM options...]: starts the service on the database and topics bench_start made (again,
# after a stop), and waits until it is ready; SERVICE_STARTED is when the process was started (epoch seconds).
bench_launch() {
  local module="$1" port="$2"; shift 2
  SERVICE_STARTED="$(date +%s.%N)"
  java -Xmx512m ${TIERDESK_BENCH_JVM_OPTS:-} "$@" -Dquarkus.http.port="$port" -Dtierdesk.db.host="$PG_HOST" -Dtierdesk.db.port="$PG_PORT" \
    -Dtierdesk.db.name="$BENCH_DB" -Dquarkus.datasource.username=tierdesk_test ${PGPASSWORD:+-Dquarkus.datasource.password=$PGPASSWORD} \
    -Dkafka.bootstrap.servers="$KAFKA" -Dtierdesk.eventing.topic-prefix="$PREFIX" \
    -Dmp.jwt.verify.publickey.location="$HOME_DIR/jwt/public.pem" -Dmp.jwt.verify.issuer="${TIERDESK_JWT_ISSUER:-https://tierdesk.local}" \
    -jar "$ROOT/$module/target/quarkus-app/quarkus-run.jar" >>"$OUT/service.log" 2>&1 &
  SERVICE_PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$port/q/health/ready" >/dev/null 2>&1 && return 0
    kill -0 "$SERVICE_PID" 2>/dev/null || { tail -n 30 "$OUT/service.log" >&2; exit 1; }
    sleep 1
  done
  echo "$module did not get ready on :$port" >&2; exit 1
}

# The relay's raw throughput (RelayBenchmark: a backlog of 20,000 events), measured now, as a bare number.
bench_relay_raw() {
  echo "== raw relay: RelayBenchmark, a backlog of 20000 events" >&2
  "$ROOT/mvnw" -B -q -pl ticket-events,eventing install -DskipTests
  "$ROOT/mvnw" -B -q -pl eventing exec:java -Dexec.classpathScope=test \
    -Dexec.mainClass=io.tierdesk.eventing.bench.RelayBenchmark -Dexec.args="20000 100 2 1000" >"$OUT/relay.txt"
  sed -n 's/^relay.throughput.events_per_s=//p' "$OUT/relay.txt"
}

# pgbench's single-row append rate, measured now, as a bare number.
bench_pg_raw() {
  echo "== raw PostgreSQL: pgbench, single-row appends, 2 clients, 10 s" >&2
  "$ROOT/deploy/bench/pgbench-append.sh" 200
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }
