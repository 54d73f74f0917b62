#!/usr/bin/env bash
# A single-node Apache Kafka (KRaft, combined broker + controller) for development and tests.
#   scripts/kafka.sh install | start | stop | status
# Environment: KAFKA_PORT (9092; the controller uses KAFKA_PORT+1), KAFKA_DATA_DIR, KAFKA_VERSION,
# ACTIVATION_CACHE (where the jars are kept), KAFKA_HEAP (768m).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
version="${KAFKA_VERSION:-4.4.0}"
port="${KAFKA_PORT:-9092}"
controller_port=$((port + 1))
cache="${ACTIVATION_CACHE:-$HOME/.cache/activation}"
lib="$cache/kafka-$version/lib"
data="${KAFKA_DATA_DIR:-$repo/.local/kafka-$port}"
pidfile="$data/broker.pid"
heap="${KAFKA_HEAP:-768m}"

log() { echo "[kafka] $*"; }

install() {
  if [ -f "$lib/kafka_2.13-$version.jar" ]; then return; fi
  command -v java >/dev/null || { echo "java is required (Java 17+)" >&2; exit 1; }
  command -v mvn >/dev/null || { echo "mvn is required to fetch Kafka from Maven Central" >&2; exit 1; }
  log "fetching Apache Kafka $version into $lib"
  rm -rf "$lib.partial" && mkdir -p "$lib.partial"
  mvn -q -B -f "$here/kafka/pom.xml" -Dkafka.version="$version" \
    org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies \
    -DincludeScope=runtime -DoutputDirectory="$lib.partial"
  mv "$lib.partial" "$lib"
}

write_properties() {
  cat >"$data/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$data/log
num.partitions=6
auto.create.topics.enable=false
delete.topic.enable=true
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.flush.interval.messages=9223372036854775807
PROPS
}

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }

answers() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

start() {
  install
  if running; then log "already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"; return; fi
  if answers; then log "port $port is taken by another process; stop it or set KAFKA_PORT" >&2; exit 1; fi
  mkdir -p "$data"
  write_properties
  if [ ! -f "$data/log/meta.properties" ]; then
    java -cp "$lib/*" kafka.tools.StorageTool format --standalone \
      -t "$(java -cp "$lib/*" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
      -c "$data/server.properties" >"$data/format.log" 2>&1
  fi
  local started=$SECONDS
  nohup java -Xms"$heap" -Xmx"$heap" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 \
    -Dkafka.logs.dir="$data" -Dlog4j2.configurationFile="$here/kafka/log4j2.properties" \
    -cp "$lib/*" kafka.Kafka "$data/server.properties" >"$data/stdout.log" 2>&1 &
  echo $! >"$pidfile"
  for _ in $(seq 1 240); do
    if answers; then log "Kafka $version up on 127.0.0.1:$port in $((SECONDS - started)) s"; return; fi
    if ! running; then log "broker exited; see $data/broker.log and $data/stdout.log" >&2; tail -20 "$data/stdout.log" >&2; exit 1; fi
    sleep 0.25
  done
  log "broker did not answer within 60 s" >&2
  exit 1
}

stop() {
  if ! running; then log "not running"; rm -f "$pidfile"; return; fi
  local pid; pid="$(cat "$pidfile")"
  kill "$pid"
  for _ in $(seq 1 120); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$pidfile"
  log "stopped"
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) if running; then log "running (pid $(cat "$pidfile"))"; else log "not running"; exit 3; fi ;;
  *) echo "usage: $0 install|start|stop|status" >&2; exit 2 ;;
esac
