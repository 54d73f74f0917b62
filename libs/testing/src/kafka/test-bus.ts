import { Kafka, logLevel, type Admin } from 'kafkajs';
import { KafkaMessageBus, type KafkaBusOptions } from '@activation/kafka';
import { testKafkaBrokers } from '../env';

export function createTestBus(clientId: string, options: Partial<KafkaBusOptions> = {}): KafkaMessageBus {
  return new KafkaMessageBus({
    brokers: testKafkaBrokers(),
    clientId,
    defaultPartitions: 3,
    maxAttempts: 3,
    backoff: { initialMs: 20, maxMs: 200 },
    ...options,
  });
}

/** A raw admin client for assertions on what the broker holds (committed offsets, topic contents). */
export async function createTestAdmin(): Promise<Admin> {
  const admin = new Kafka({ clientId: 'test-admin', brokers: testKafkaBrokers(), logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  return admin;
}

export async function committedOffsets(admin: Admin, groupId: string, topic: string): Promise<Map<number, bigint>> {
  const [result] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return new Map(result.partitions.map((p) => [p.partition, BigInt(p.offset)]));
}
