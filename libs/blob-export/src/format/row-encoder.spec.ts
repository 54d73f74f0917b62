import { parse } from 'csv-parse/sync';
import { rowEncoder } from './row-encoder';
import type { ExportRow } from './export-row';

const row: ExportRow = {
  profileId: 'p-1',
  event: 'enter',
  timestamp: '2026-03-01T10:15:00.000Z',
  values: { email: 'a@example.com', tags: ['gold', 'vip'], scores: { 'a b': 1, c: 'x&y' }, note: 'says "hi", twice', missing: null },
};

describe('rowEncoder', () => {
  it('JSON lines: one object per line, meta fields first, values as they are', () => {
    const encoder = rowEncoder({ format: 'jsonl', delimiter: ',', join: ',', fields: [] });
    expect(encoder.header().length).toBe(0);
    const [line] = encoder.encode([row]);
    expect(line.toString().endsWith('\n')).toBe(true);
    expect(JSON.parse(line.toString())).toEqual({ _profile_id: 'p-1', _event: 'enter', _timestamp: '2026-03-01T10:15:00.000Z', ...row.values });
  });

  it('CSV: a header, the chosen delimiter, arrays joined, maps URL-encoded, quotes escaped', () => {
    const encoder = rowEncoder({ format: 'csv', delimiter: ';', join: '|', fields: ['email', 'tags', 'scores', 'note', 'missing'] });
    const text = Buffer.concat([encoder.header(), ...encoder.encode([row])]).toString();
    expect(text.split('\n')[0]).toBe('_profile_id;_event;_timestamp;email;tags;scores;note;missing');
    const [header, values] = parse(text, { delimiter: ';' }) as string[][];
    expect(header).toHaveLength(8);
    expect(values).toEqual(['p-1', 'enter', '2026-03-01T10:15:00.000Z', 'a@example.com', 'gold|vip', 'a+b=1&c=x%26y', 'says "hi", twice', '']);
  });

  it('CSV with a tab delimiter', () => {
    const encoder = rowEncoder({ format: 'csv', delimiter: '\t', join: ',', fields: ['tags'] });
    expect(encoder.encode([row])[0].toString()).toBe('p-1\tenter\t2026-03-01T10:15:00.000Z\tgold,vip\n');
  });
});
