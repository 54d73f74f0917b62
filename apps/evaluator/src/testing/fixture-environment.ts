import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AudienceDefinition } from '@activation/contracts';
import { freePort } from '@activation/testing';

export interface FixtureTopology {
  brokers: string[];
  databaseUrl: string;
  schema: string;
  groupId: string;
  inputsTopic: string;
  membershipTopic: string;
  snapshotTopic: string;
  audiences: AudienceDefinition[];
  now: number;
}

/** A port nothing listens on right now (other test runs may share this machine). */
/** Environment for one evaluator-fixture process (each on its own HTTP port). */
export async function fixtureEnvironment(topology: FixtureTopology, extra: Record<string, string> = {}): Promise<Record<string, string>> {
  const audiencesFile = join(tmpdir(), `audiences-${topology.schema}.json`);
  writeFileSync(audiencesFile, JSON.stringify(topology.audiences));
  return {
    PORT: String(await freePort('0.0.0.0')),
    LOG_LEVEL: 'warn',
    KAFKA_BROKERS: topology.brokers.join(','),
    KAFKA_TOPIC_PARTITIONS: '4',
    KAFKA_GROUP_ID: topology.groupId,
    DATABASE_URL: topology.databaseUrl,
    DATABASE_SCHEMA: topology.schema,
    PROFILE_INPUTS_TOPIC: topology.inputsTopic,
    MEMBERSHIP_TOPIC: topology.membershipTopic,
    SNAPSHOT_REQUESTS_TOPIC: topology.snapshotTopic,
    AUDIENCES_FILE: audiencesFile,
    FIXED_NOW: String(topology.now),
    ...extra,
  };
}
