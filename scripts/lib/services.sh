# Sourced by the scripts: starts the local Kafka and PostgreSQL unless something already answers
# at the configured addresses (so a developer's own servers are used as they are).

port_answers() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

ensure_services() {
  local here; here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  local broker="${KAFKA_BROKERS:-127.0.0.1:9092}"; broker="${broker%%,*}"
  if ! port_answers "${broker%:*}" "${broker##*:}"; then KAFKA_PORT="${broker##*:}" bash "$here/kafka.sh" start; fi
  if ! port_answers 127.0.0.1 "${POSTGRES_PORT:-5432}"; then bash "$here/postgres.sh" start; fi
}
