// Integration specs need the real services; fail at once with the command that starts them
// rather than letting every spec time out.
const net = require('node:net');

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port: Number(port), timeout: 2000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
  });
}

module.exports = async () => {
  const broker = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',')[0].trim();
  const [kafkaHost, kafkaPort] = broker.split(':');
  const database = new URL(process.env.DATABASE_URL || 'postgres://activation:activation@127.0.0.1:5432/activation');
  const missing = [];
  if (!(await reachable(kafkaHost, kafkaPort))) missing.push(`Kafka at ${broker} (start it: scripts/kafka.sh start)`);
  if (!(await reachable(database.hostname, database.port || 5432)))
    missing.push(`PostgreSQL at ${database.hostname}:${database.port || 5432} (start it: scripts/postgres.sh start)`);
  if (missing.length > 0) throw new Error(`Integration tests need: ${missing.join('; ')}`);
};
