#!/usr/bin/env bash
# ./tierdesk bench statements [tickets] [clients]
# Statements per new ticket in each service's database, on the running local platform (./tierdesk up, warm): the
# statements PostgreSQL itself logs while `tickets` (200) new tickets go through the channel API at `clients` (2) and
# everything they cause settles — relays, consumers, timers and the benchmark's own polling all counted. A count,
# not a time: the machine's noise does not move it. Needs a local cluster this user may reconfigure (as postgres);
# log_statement is set for the run only and reset after it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
TICKETS="${1:-200}"; CLIENTS="${2:-2}"
PORT_BASE="${TIERDESK_PORT_BASE:-8080}"
export PGHOST="${TIERDESK_PG_HOST:-127.0.0.1}" PGPORT="${TIERDESK_PG_PORT:-5432}"
export PGPASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"
export TIERDESK_BENCH_DBS="tierdesk_intake,tierdesk_router,tierdesk_sla,tierdesk_knowledge,tierdesk_notification"
export TIERDESK_BENCH_INTAKE="http://127.0.0.1:$((PORT_BASE + 1))"
command -v pg_lsclusters >/dev/null || { echo "needs a Debian PostgreSQL cluster (pg_lsclusters) to read its log" >&2; exit 1; }
LOG="$(pg_lsclusters -h | awk -v p="$PGPORT" '$3 == p { print $7 }')"
[[ -r "$LOG" ]] || { echo "cannot read the cluster's log ($LOG)" >&2; exit 1; }
as_postgres() { if [[ "$(id -un)" == postgres ]]; then psql -qAtc "$1"; else su postgres -c "psql -p $PGPORT -qAtc \"$1\""; fi; }
curl -fsS --max-time 2 "$TIERDESK_BENCH_INTAKE/q/health/ready" >/dev/null || { echo "start the platform first: ./tierdesk up" >&2; exit 1; }
export TIERDESK_BENCH_TOKEN="$("$ROOT/tierdesk" token channel bench-platform)"
export TIERDESK_BENCH_PIDS="postgres=$(pgrep -o -x postgres)"
JAVA="$(command -v java)"; [[ -x "${JAVA_HOME:-}/bin/java" ]] && JAVA="$JAVA_HOME/bin/java"
start="$(wc -l < "$LOG")"
trap 'as_postgres "ALTER SYSTEM RESET log_statement" >/dev/null; as_postgres "SELECT pg_reload_conf()" >/dev/null' EXIT
as_postgres "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
as_postgres "SELECT pg_reload_conf()" >/dev/null
"$JAVA" "$ROOT/deploy/bench/PlatformLoad.java" statements "$TICKETS" "$CLIENTS" >/dev/null
echo "statements per ticket ($TICKETS tickets at $CLIENTS clients, $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)):"
tail -n +$((start + 1)) "$LOG" | grep -E " LOG:  (statement|execute)" | grep -oE "tierdesk_[a-z]+@tierdesk_[a-z]+" \
  | sort | uniq -c | awk -v n="$TICKETS" '{ split($2, a, "@"); printf "  %-24s %6.1f\n", a[2], $1 / n; t += $1 }
    END { printf "  %-24s %6.1f\n", "whole platform", t / n }'
