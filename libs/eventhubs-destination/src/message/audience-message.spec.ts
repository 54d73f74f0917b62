import type { CallType } from '@activation/contracts';
import { assertAudienceMessage } from '../testing/message-schema-check';
import { SEED_002_EXAMPLE } from '../testing/seed-002-example';
import { audienceMessages, partnerIdsOf } from './audience-message';

const example = JSON.parse(SEED_002_EXAMPLE);
const context = { partnerNumber: 33, siteNumber: 1234, sourceName: 'Azure Event Hub audience 1', data: { mycustomproperty1: 'value1' } };

/** The row that seed 002's example message was made from. */
function exampleRow(callType: CallType, identifiers: Record<string, string[]> = { '33': ['4'] }) {
  return {
    callType,
    values: { lastCategory: '5678' },
    envelope: {
      profileId: 'aaaabbbb-cccc-dddd-eeee-ffffffffffff', audienceId: 'dc0beb89-2d63-4ec7-899a-6e986ed8932f', audienceNumber: 123,
      audienceSlug: 'eh-audience-1', audienceVersion: 1, identifiers: { '42': ['aaaabbbb-cccc-dddd-eeee-ffffffffffff'], ...identifiers },
      timestamp: 1234567890, enteredAt: 1234567890, exitedAt: callType === 'REMOVED' ? 1234567890 : null, kind: 'transition' as const, backfill: false,
    },
  };
}

describe('seed 002 audience messages', () => {
  it('the seed example satisfies the strict schema, and the schema refuses anything else', () => {
    expect(() => assertAudienceMessage(example)).not.toThrow();
    const { data: _data, ...missing } = example;
    expect(() => assertAudienceMessage(missing)).toThrow(/data/);
    expect(() => assertAudienceMessage({ ...example, extra: 1 })).toThrow(/additional/);
    expect(() => assertAudienceMessage({ ...example, partnerIds: ['4', '5'] })).toThrow(/partnerIds/);
    expect(() => assertAudienceMessage({ ...example, callType: 'ADD' })).toThrow(/callType/);
  });

  it.each(['NEW', 'MODIFIED', 'REMOVED'] as const)('%s: field by field as the seed example', (callType) => {
    const [message] = audienceMessages(exampleRow(callType), context);
    assertAudienceMessage(message);
    expect(Object.keys(message)).toEqual(Object.keys(example));
    expect(message.profileId).toBe(example.profileId);
    expect(message.sourceId).toBe(example.sourceId);
    expect(message.partnerNumber).toBe(example.partnerNumber);
    expect(message.callType).toBe(callType);
    expect(message.partnerIds).toEqual(example.partnerIds);
    expect(message.profileVars).toEqual(example.profileVars);
    expect(message.timestamp).toBe(example.timestamp);
    expect(message.siteNumber).toBe(example.siteNumber);
    expect(message.sourceName).toBe(example.sourceName);
    expect(message.sourceNumber).toBe(example.sourceNumber);
    expect(message.data).toEqual(example.data);
    expect(message).toEqual({ ...example, callType });
  });

  it('several ids for the partner give one message each; no id gives none', () => {
    const messages = audienceMessages(exampleRow('NEW', { '33': ['4', '9', '4', ''] }), context);
    expect(messages.map((message) => message.partnerIds)).toEqual([['4'], ['9']]);
    messages.forEach(assertAudienceMessage);
    expect(audienceMessages(exampleRow('NEW', { '7': ['x'] }), context)).toEqual([]);
    expect(audienceMessages(exampleRow('NEW', { '33': [] }), context)).toEqual([]);
  });

  it('optional fields are present when empty', () => {
    const [message] = audienceMessages({ ...exampleRow('NEW'), values: {} }, { ...context, sourceName: '', data: {} });
    assertAudienceMessage(message);
    expect(message).toMatchObject({ profileVars: {}, sourceName: '', data: {} });
  });

  it('reads partner ids by partner number from the membership event\'s identifiers', () => {
    expect(partnerIdsOf({ '33': ['a', 'b'], '34': ['c'] }, 33)).toEqual(['a', 'b']);
    expect(partnerIdsOf({}, 33)).toEqual([]);
  });
});
