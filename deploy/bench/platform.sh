#!/usr/bin/env bash
# ./tierdesk bench platform [tickets] [clients...]
# The whole platform's cost per ticket, on the running local platform (./tierdesk up, with its demo data) and at
# least MIN_ARTICLES published articles (topped up through the API when fewer): each service restarted and timed to
# ready, the first COLD tickets after that restart, a warm-up, the idle platform's CPU, then TICKETS new tickets
# through the channel API at each number of clients (default 1 2 8). Each run prints tickets/s, p50/p99 of the
# answer, the time from the last answer until everything the tickets caused has settled (PlatformLoad.java says
# what that means), and the CPU each process spent per ticket until then; PostgreSQL's raw single-row append is
# measured in the same run. The aims sit beside the figures; nothing is asserted.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
TICKETS="${1:-600}"; shift || true
CLIENTS=("$@"); (( ${#CLIENTS[@]} )) || CLIENTS=(1 2 8)
COLD="${COLD:-400}"; WARM_UP="${WARM_UP:-1000}"; IDLE_SECONDS="${IDLE_SECONDS:-20}"; MIN_ARTICLES="${MIN_ARTICLES:-300}"
SERVICES=(ticket-intake escalation-router sla-monitor knowledge-service notification-service)
PORT_BASE="${TIERDESK_PORT_BASE:-8080}"
OUT="$(mktemp -d)"; trap 'rm -rf "$OUT"' EXIT
export PGHOST="${TIERDESK_PG_HOST:-127.0.0.1}" PGPORT="${TIERDESK_PG_PORT:-5432}"
export PGPASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"
export TIERDESK_BENCH_DBS="tierdesk_intake,tierdesk_router,tierdesk_sla,tierdesk_knowledge,tierdesk_notification"
export TIERDESK_BENCH_INTAKE="http://127.0.0.1:$((PORT_BASE + 1))"

"$ROOT/tierdesk" up
export TIERDESK_BENCH_TOKEN="$("$ROOT/tierdesk" token channel bench-platform)"
JAVA="$(command -v java)"; [[ -x "${JAVA_HOME:-}/bin/java" ]] && JAVA="$JAVA_HOME/bin/java"
load() { "$JAVA" "$ROOT/deploy/bench/PlatformLoad.java" "$@" | tee -a "$OUT/figures.txt"; }
pids() {
  local name list="" data
  for name in "${SERVICES[@]}" kafka mail agent-console; do
    [[ -f "$HOME_DIR/run/$name.pid" ]] && list+="$name=$(cat "$HOME_DIR/run/$name.pid"),"
  done
  data="$(psql -U tierdesk_test -d tierdesk_test -tAc 'SHOW data_directory' 2>/dev/null || true)"
  if [[ -n "$data" && -r "$data/postmaster.pid" ]]; then
    list+="postgres=$(head -n 1 "$data/postmaster.pid")"
  else
    list+="postgres=$(pgrep -o -x postgres)"
  fi
  export TIERDESK_BENCH_PIDS="$list"
}

published="$(psql -U tierdesk_knowledge -d tierdesk_knowledge -tAc "SELECT count(*) FROM article WHERE state = 'published'")"
if (( published < MIN_ARTICLES )); then
  echo "== publishing $((MIN_ARTICLES - published)) articles ($published published)" >&2
  "$JAVA" "$ROOT/deploy/bench/KnowledgeSeed.java" "http://127.0.0.1:$((PORT_BASE + 4))" \
    "$("$ROOT/tierdesk" token agent bench-agent)" "$("$ROOT/tierdesk" token kb-editor bench-editor)" \
    "$ROOT/knowledge-service/src/test/resources/evaluation/articles.jsonl" "$((MIN_ARTICLES - published))"
  published="$MIN_ARTICLES"
fi

PG_RAW="$(TIERDESK_PG_HOST="$PGHOST" "$ROOT/deploy/bench/pgbench-append.sh" 200)"
# The mail catcher keeps every mail in memory: earlier runs' mails slow it, and a few runs' worth fill its heap.
curl -fsS -X POST "http://127.0.0.1:${TIERDESK_MAIL_WEB_PORT:-8025}/api/mail/purge" >/dev/null \
  || echo "could not empty the mail catcher" >&2

echo "== restarting the services: time to ready (a build's first stop writes its ahead-of-time caches first)" >&2
"$ROOT/tierdesk" down "${SERVICES[@]}" >/dev/null 2>&1
STARTED="$(date +%s.%N)"
TIERDESK_NO_DEMO=1 "$ROOT/tierdesk" up "${SERVICES[@]}" >/dev/null 2>&1 &
UP_PID=$!
declare -A READY=()
while (( ${#READY[@]} < ${#SERVICES[@]} )); do
  for i in "${!SERVICES[@]}"; do
    name="${SERVICES[$i]}"
    [[ -n "${READY[$name]:-}" ]] && continue
    if curl -fsS --max-time 1 "http://127.0.0.1:$((PORT_BASE + 1 + i))/q/health/ready" >/dev/null 2>&1; then
      READY[$name]="$(date +%s.%N)"
    fi
  done
  (( $(awk -v s="$STARTED" -v e="$(date +%s.%N)" 'BEGIN { print (e - s > 240) }') )) && { echo "not ready in 240 s" >&2; exit 1; }
  sleep 0.1
done
wait "$UP_PID"
# From the moment the launcher started the process (its PID file), not from the command: the launcher first checks
# the infrastructure and the build.
for name in "${SERVICES[@]}"; do
  echo "platform.ready_s.$name=$(awk -v s="$(date -r "$HOME_DIR/run/$name.pid" +%s.%N)" -v e="${READY[$name]}" \
    'BEGIN { printf "%.1f", e - s }')" | tee -a "$OUT/figures.txt"
done
pids

echo "== the first $COLD tickets after the restart, 2 clients" >&2
load cold "$COLD" 2
echo "== warm-up: $WARM_UP tickets, 4 clients" >&2
load warm-up "$WARM_UP" 4 >/dev/null
echo "== idle: $IDLE_SECONDS s" >&2
load idle "$IDLE_SECONDS"
for c in "${CLIENTS[@]}"; do
  echo "== $TICKETS tickets, $c clients" >&2
  load "c$c" "$TICKETS" "$c"
done
load pss

fig() { sed -n -E "s/^platform\.$1=([0-9.]+).*/\1/p" "$OUT/figures.txt" | tail -n 1; }
echo
echo "== summary ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ), $published published articles)"
printf '%-10s %9s %8s %8s %10s %14s\n' clients tickets/s p50_ms p99_ms settled_s cpu_ms/ticket
for c in "${CLIENTS[@]}"; do
  printf '%-10s %9s %8s %8s %10s %14s\n' "$c" "$(fig "c$c.tickets_per_s")" "$(fig "c$c.p50_ms")" "$(fig "c$c.p99_ms")" \
    "$(fig "c$c.settled_s")" "$(fig "c$c.cpu_ms_per_ticket.total")"
done
printf '%-10s %9s %8s %8s %10s %14s\n' "cold(2)" "$(fig cold.tickets_per_s)" "$(fig cold.p50_ms)" "$(fig cold.p99_ms)" \
  "$(fig cold.settled_s)" "$(fig cold.cpu_ms_per_ticket.total)"
echo
echo "CPU ms per ticket by process (warm at 2 clients | first $COLD after restart):"
for name in "${SERVICES[@]}" postgres kafka mail agent-console; do
  printf '  %-22s %6s | %6s\n' "$name" "$(fig "c2.cpu_ms_per_ticket.$name")" "$(fig "cold.cpu_ms_per_ticket.$name")"
done
echo
p2_50="$(fig c2.p50_ms)"; p2_99="$(fig c2.p99_ms)"
echo "aims (two cores)                       measured"
printf '  CPU per ticket warm   <= 25 ms        %s ms (2 clients)\n' "$(fig c2.cpu_ms_per_ticket.total)"
printf '  CPU per ticket cold   <= 60 ms        %s ms (first %s after restart)\n' "$(fig cold.cpu_ms_per_ticket.total)" "$COLD"
printf '  idle                  <= 3 %% of a core %s %%\n' "$(fig idle.cpu_percent.total)"
printf '  p99 at 2 clients      <= 2 x p50      %s x (p50 %s, p99 %s ms)\n' \
  "$(awk -v a="$p2_99" -v b="$p2_50" 'BEGIN { printf "%.1f", a / b }')" "$p2_50" "$p2_99"
printf '  settled after answer  <= 2 s          %s s (2 clients)\n' "$(fig c2.settled_s)"
for name in "${SERVICES[@]}"; do printf '  ready %-21s <= 5 s %s s\n' "$name" "$(fig "ready_s.$name")"; done
printf '  PSS whole platform    <= 2048 MiB     %s MiB\n' "$(fig pss_mib.total)"
printf '  raw PostgreSQL single-row append: %.0f rows/s (2 clients); tickets/s at 2 clients / raw = %s\n' "$PG_RAW" \
  "$(awk -v a="$(fig c2.tickets_per_s)" -v b="$PG_RAW" 'BEGIN { printf "%.4f", a / b }')"
echo "The local platform keeps the tickets made here; ./tierdesk reset && ./tierdesk up starts it afresh."
