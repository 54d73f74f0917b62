import type { DeliverySubscription } from '@activation/delivery';
import { BLOB_EXPORT_DEFAULTS, readBlobExportConfig } from './blob-export-settings';

function subscription(settings: Record<string, unknown>, overrides: Partial<DeliverySubscription> = {}): DeliverySubscription {
  return {
    id: 4, name: 's', audienceId: 'a', enabled: true, initialSync: 'future-only', version: '1', settings,
    projection: { fields: ['email', 'score'], rename: { score: 'lead_score' } },
    destination: { id: 'd', name: 'd', kind: 'blob-export', enabled: true, settings: { container: 'exports', prefix: 'audiences/' }, secrets: () => ({}), updatedAt: 0 },
    ...overrides,
  };
}

describe('readBlobExportConfig', () => {
  it('applies the defaults of seed 004', () => {
    const config = readBlobExportConfig(subscription({}));
    expect(config).toMatchObject({
      container: 'exports', namePrefix: 'audiences/', format: 'jsonl', delimiter: ',', join: ',', gzip: false, oneTime: false,
      existingUsers: false, maxFileBytes: 5_368_709_120, flushIntervalMs: BLOB_EXPORT_DEFAULTS.flushIntervalMs, fields: ['email', 'lead_score'],
    });
  });

  it('reads every option', () => {
    const config = readBlobExportConfig(subscription(
      { format: 'csv', filePrefix: 'vip-', delimiter: 'tab', join: '|', maxFileBytes: 2048, gzip: true, oneTime: true, flushIntervalMs: 5000 },
      { initialSync: 'backfill' },
    ));
    expect(config).toMatchObject({ namePrefix: 'audiences/vip-', format: 'csv', delimiter: '\t', join: '|', maxFileBytes: 2048, gzip: true, oneTime: true, existingUsers: true, flushIntervalMs: 5000 });
  });

  it('names every unusable setting', () => {
    const problems = (() => {
      try {
        readBlobExportConfig(subscription({ format: 'xml', delimiter: '::', maxFileBytes: 10 }));
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const setting of ['format', 'delimiter', 'maxFileBytes']) expect(problems).toContain(`$.settings.${setting}`);
    expect(() => readBlobExportConfig(subscription({}, { destination: { ...subscription({}).destination, settings: { container: 'Bad_Name' } } }))).toThrow(/container/);
  });

  it('a one-time export needs the existing members', () => {
    expect(() => readBlobExportConfig(subscription({ oneTime: true }))).toThrow(/backfill/);
  });
});
