import { assertLyticsDocument } from '../testing/document-validator';
import { epochMs, SEED_004_EXAMPLE, SEED_004_EXAMPLE_TEXT, seed004Rows } from '../testing/seed-004-example';
import { buildDocument, segmentEventOf } from './build-document';
import { OPEN_MEMBERSHIP_EXIT } from './lytics-document';

const SUBSCRIPTION_ID = SEED_004_EXAMPLE.meta['subscription_id'];

describe('the Lytics-style document, field by field against seed 004', () => {
  const built = buildDocument(seed004Rows(), SUBSCRIPTION_ID);

  it('the seed example itself passes the strict schema, and so does the document built from its rows', () => {
    assertLyticsDocument(JSON.parse(SEED_004_EXAMPLE_TEXT));
    assertLyticsDocument(built);
    assertLyticsDocument(JSON.parse(JSON.stringify(built)));
  });

  it('has the keys of the example, no more and no fewer, at every level', () => {
    expect(Object.keys(built).sort()).toEqual(Object.keys(SEED_004_EXAMPLE).sort());
    expect(Object.keys(built.data).sort()).toEqual(Object.keys(SEED_004_EXAMPLE.data).sort());
    expect(Object.keys(built.meta).sort()).toEqual(Object.keys(SEED_004_EXAMPLE.meta).sort());
    built.data.segment_events.forEach((event, index) => {
      expect(Object.keys(event).sort()).toEqual(Object.keys(SEED_004_EXAMPLE.data.segment_events[index]).sort());
    });
  });

  it('data: the user fields as projected, verbatim', () => {
    for (const field of ['_created', '_modified', 'email', 'user_id']) expect(built.data[field]).toBe(SEED_004_EXAMPLE.data[field]);
  });

  it('data.segment_events: the exit, then the enter, with id, event, slug, enter and exit of the example', () => {
    expect(built.data.segment_events).toHaveLength(2);
    built.data.segment_events.forEach((event, index) => {
      const expected = SEED_004_EXAMPLE.data.segment_events[index];
      expect(event.id).toBe(expected['id']);
      expect(event.event).toBe(expected['event']);
      expect(event.slug).toBe(expected['slug']);
      // Membership times are in milliseconds; the example's carry nanoseconds.
      expect(epochMs(event.enter)).toBe(epochMs(expected['enter']));
      expect(epochMs(event.exit)).toBe(epochMs(expected['exit']));
    });
  });

  it('an open membership exits at the one far-future constant, which is the example\'s', () => {
    const open = built.data.segment_events[1];
    expect(open.event).toBe('enter');
    expect(open.exit).toBe(OPEN_MEMBERSHIP_EXIT);
    expect(open.exit).toBe(SEED_004_EXAMPLE.data.segment_events[1]['exit']);
  });

  it('meta: object "user", the subscription id, and the time of the change that caused the evaluation', () => {
    expect(built.meta.object).toBe(SEED_004_EXAMPLE.meta['object']);
    expect(built.meta.subscription_id).toBe(SUBSCRIPTION_ID);
    expect(epochMs(built.meta.timestamp)).toBe(epochMs(SEED_004_EXAMPLE.meta['timestamp']));
    expect(built.meta.timestamp).toBe('2017-03-18T06:12:36.829Z');
  });
});

describe('buildDocument', () => {
  const [exitRow, enterRow] = seed004Rows();

  it('lets the entered audience\'s current values win over the exited audience\'s last values', () => {
    const document = buildDocument(
      [{ ...enterRow, values: { tier: 'gold' } }, { ...exitRow, values: { tier: 'silver', points: 3 } }],
      'sub',
    );
    expect(document.data).toMatchObject({ tier: 'gold', points: 3 });
    expect(document.data.segment_events.map((event) => event.event)).toEqual(['exit', 'enter']);
  });

  it('always identifies the user: user_id is the profile id, even when the projection sends no field', () => {
    const document = buildDocument([{ ...enterRow, values: {} }], 'sub');
    expect(document.data).toEqual({ user_id: 'user123', segment_events: [expect.objectContaining({ event: 'enter' })] });
    assertLyticsDocument(document);
    const other = buildDocument([{ ...enterRow, values: { email: 'e' }, envelope: { ...enterRow.envelope, profileId: 'profile-9' } }], 'sub');
    expect(Object.keys(other.data)).toEqual(['email', 'user_id', 'segment_events']);
    expect(other.data.user_id).toBe('profile-9');
  });

  it('lists an audience once per event when two subscriptions of the destination deliver it', () => {
    const document = buildDocument([enterRow, { ...enterRow, eventId: 'other' }], 'sub');
    expect(document.data.segment_events).toHaveLength(1);
  });

  it('an exit without an exit time exits when the change happened', () => {
    expect(segmentEventOf({ ...exitRow, envelope: { ...exitRow.envelope, exitedAt: null } }).exit).toBe('2017-03-18T06:12:36.829Z');
  });

  it('refuses rows of two profiles, MODIFIED rows, no rows, and a user field named segment_events', () => {
    expect(() => buildDocument([enterRow, { ...exitRow, envelope: { ...exitRow.envelope, profileId: 'other' } }], 'sub')).toThrow('one profile');
    expect(() => buildDocument([{ ...enterRow, callType: 'MODIFIED' }], 'sub')).toThrow('enter or an exit');
    expect(() => buildDocument([], 'sub')).toThrow('at least one row');
    expect(() => buildDocument([{ ...enterRow, values: { segment_events: [] } }], 'sub')).toThrow('segment_events');
  });
});

describe('the strict schema', () => {
  const valid = () => JSON.parse(SEED_004_EXAMPLE_TEXT);

  it.each([
    ['an extra top-level key', (doc: any) => (doc.extra = 1)],
    ['an extra meta key', (doc: any) => (doc.meta.extra = 1)],
    ['another object than user', (doc: any) => (doc.meta.object = 'account')],
    ['no subscription id', (doc: any) => delete doc.meta.subscription_id],
    ['a timestamp that is no RFC 3339 time', (doc: any) => (doc.meta.timestamp = '2017-03-18 06:12:36')],
    ['no segment events', (doc: any) => (doc.data.segment_events = [])],
    ['no user_id', (doc: any) => delete doc.data.user_id],
    ['an empty user_id', (doc: any) => (doc.data.user_id = '')],
    ['an event that is neither enter nor exit', (doc: any) => (doc.data.segment_events[0].event = 'modified')],
    ['a segment event without its exit', (doc: any) => delete doc.data.segment_events[0].exit],
    ['an extra segment event key', (doc: any) => (doc.data.segment_events[0].name = 'x')],
    ['an epoch number as a time', (doc: any) => (doc.data.segment_events[1].enter = 1488435156829)],
  ])('rejects %s', (_name, change) => {
    const document = valid();
    change(document);
    expect(() => assertLyticsDocument(document)).toThrow('not a valid Lytics-style document');
  });
});
