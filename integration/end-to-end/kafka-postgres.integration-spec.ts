import { endToEndSuite } from './end-to-end-suite';

/** `npm start` with KAFKA_BROKERS and DATABASE_URL set: the test Kafka and PostgreSQL. */
endToEndSuite('kafka-postgres', 42_000);
