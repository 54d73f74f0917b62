/** Where the integration specs find the services started by scripts/ (same defaults as the apps). */
export function testKafkaBrokers(): string[] {
  return (process.env['KAFKA_BROKERS'] ?? '127.0.0.1:9092').split(',').map((broker) => broker.trim());
}

export function testDatabaseUrl(): string {
  return process.env['DATABASE_URL'] ?? 'postgres://activation:activation@127.0.0.1:5432/activation';
}
