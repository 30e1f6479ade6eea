#!/usr/bin/env bash
# ./tierdesk bench search [articles]
# The search candidates on the evaluation set (knowledge-service/src/test/resources/evaluation): recall@1, recall@5
# and MRR for each Lucene configuration and for PostgreSQL full-text search (with and without pg_trgm), and search
# latency p50/p95 with the set grown to [articles] (10,000) documents. PostgreSQL is the local one (a temporary
# table on the test database).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HOME_DIR="${TIERDESK_HOME:-$ROOT/.tierdesk}"
"$ROOT/tierdesk" infra up
"$ROOT/mvnw" -B -q -pl ticket-events,eventing install -DskipTests
"$ROOT/mvnw" -B -q -pl knowledge-service test-compile
CP="$(mktemp)"; trap 'rm -f "$CP"' EXIT
"$ROOT/mvnw" -B -q -pl knowledge-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP"
export TIERDESK_DB_PASSWORD="${TIERDESK_DB_PASSWORD:-$(cat "$HOME_DIR/secrets/db-password" 2>/dev/null || true)}"
echo "== search evaluation ($(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ))"
java -cp "$ROOT/knowledge-service/target/test-classes:$ROOT/knowledge-service/target/classes:$(cat "$CP")" \
  io.tierdesk.knowledge.search.SearchEvaluation "${1:-10000}" 2>&1 | grep -v -e 'VectorizationProvider' -e 'Vector API'
