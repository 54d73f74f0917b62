#!/usr/bin/env bash
# Starts the whole platform on this machine: Kafka and PostgreSQL (unless KAFKA_BROKERS /
# DATABASE_URL point elsewhere), the schema migrations, then every service. Ctrl-C stops them all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/services.sh
ensure_node24
ensure_dependencies
ensure_services
npm run --silent migrate

services=(admin-api ingester evaluator function-invoker emitter-eventhubs emitter-lytics)
ports=(3000 3001 3002 3005 3003 3004)
pids=()
stop_all() { kill -TERM "${pids[@]}" 2>/dev/null || true; wait; }
trap stop_all INT TERM EXIT
for i in "${!services[@]}"; do
  PORT="${ports[$i]}" node -r @swc-node/register "apps/${services[$i]}/src/main.ts" &
  pids+=($!)
done
echo "[platform] admin API http://127.0.0.1:3000, ingester http://127.0.0.1:3001 (health: /health/ready, metrics: /metrics)"
wait -n
