#!/usr/bin/env bash
# Prints the raw single-row append rate of this machine's PostgreSQL (pgbench, 2 clients, 10 s) as a bare number:
# the baseline every Tierdesk benchmark sets its figures beside. Usage: pgbench-append.sh PAYLOAD_BYTES
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
PG_HOST="${TIERDESK_PG_HOST:-127.0.0.1}"; PG_PORT="${TIERDESK_PG_PORT:-5432}"
PAYLOAD="${1:-200}"
OUT="$(mktemp -d)"
export PGPASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"
psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c \
  "DROP TABLE IF EXISTS bench_append; CREATE TABLE bench_append (id bigserial PRIMARY KEY, stream_id text, payload jsonb, recorded_at timestamptz DEFAULT clock_timestamp())" >&2
printf "INSERT INTO bench_append (stream_id, payload) VALUES (md5(random()::text), '{\"note\": \"%s\"}');\n" \
  "$(head -c "$PAYLOAD" /dev/zero | tr '\0' x)" >"$OUT/append.sql"
pgbench -n -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -c 2 -j 2 -T 10 -f "$OUT/append.sql" tierdesk_test \
  >"$OUT/pgbench.txt" 2>&1
cat "$OUT/pgbench.txt" >&2
psql -q -h "$PG_HOST" -p "$PG_PORT" -U tierdesk_test -d tierdesk_test -c "DROP TABLE bench_append" >&2
sed -n -E 's/^tps = ([0-9.]+).*/\1/p' "$OUT/pgbench.txt"
rm -rf "$OUT"
