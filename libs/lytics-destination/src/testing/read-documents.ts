import { readHub, type ReadHubOptions } from '@activation/testing';
import type { LyticsDocument } from '../document/lytics-document';
import { assertLyticsDocument } from './document-validator';

export interface ReadDocument {
  partitionId: string;
  partitionKey?: string;
  document: LyticsDocument;
}

/**
 * Reads a hub from its start (see readHub: throws when fewer than `count` events arrive by the
 * deadline) and checks each body against the strict schema.
 */
export async function readDocuments(connectionString: string, count: number, options: ReadHubOptions = {}): Promise<ReadDocument[]> {
  const events = await readHub(connectionString, count, { timeoutMs: 60_000, ...options });
  return events.map((event) => {
    const body = Buffer.isBuffer(event.body) || typeof event.body === 'string' ? JSON.parse(event.body.toString()) : event.body;
    assertLyticsDocument(body);
    return { partitionId: event.partitionId, partitionKey: event.partitionKey, document: body as LyticsDocument };
  });
}
