#!/usr/bin/env bash
# Starts the whole platform in one process. With no KAFKA_BROKERS / DATABASE_URL it needs no
# servers: Postgres is embedded and topics live in an append-only log in it (data kept in
# ACTIVATION_DATA_DIR, default .local/platform). Set both to use a real Kafka and PostgreSQL
# (e.g. the ones scripts/kafka.sh and scripts/postgres.sh start). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
ensure_node24
ensure_dependencies
exec node -r @swc-node/register apps/platform/src/main.ts
