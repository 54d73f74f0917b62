import { validateDestinationSecrets, validateDestinationSettings, validateSubscriptionSettings } from './validate-destination';

const valid = {
  container: 'event-exports', fileName: '/exports/events-{TIMESTAMP}', timestampFormat: 'YYYY-MM-DD-HHmm', includeHeaders: true,
  compression: 'gzip', streams: ['purchase', 'page_view'], startDate: '2025-01-01', endDate: '2026-01-01',
  keepUpdated: true, period: 'weekly', timeOfDay: '06:30', timeZone: 'Europe/Berlin',
};

describe('event-export destination settings', () => {
  it('accepts every option, and the minimal form', () => {
    expect(validateDestinationSettings('event-export', valid)).toEqual([]);
    expect(validateDestinationSettings('event-export', { container: 'exports', fileName: 'all-events' })).toEqual([]);
  });

  it('reports each wrong option by path', () => {
    const errors = validateDestinationSettings('event-export', {
      ...valid, timestampFormat: 'YYYY/MM', compression: 'bzip2', period: 'monthly', timeOfDay: '25:00', timeZone: 'Mars/Olympus',
      startDate: '2025-02-30', endDate: '2024-12-31', streams: [''],
    });
    expect(new Set(errors.map((error) => error.path))).toEqual(new Set([
      '$.settings.timestampFormat', '$.settings.compression', '$.settings.period', '$.settings.timeOfDay', '$.settings.timeZone',
      '$.settings.startDate', '$.settings.endDate', '$.settings.streams',
    ]));
  });

  it('needs {TIMESTAMP} in the file name of a periodic export', () => {
    expect(validateDestinationSettings('event-export', { ...valid, fileName: 'events' })).toEqual([
      { path: '$.settings.fileName', message: 'must contain {TIMESTAMP} when keepUpdated is set, so each run writes its own file' },
    ]);
    expect(validateDestinationSettings('event-export', { ...valid, fileName: 'events', keepUpdated: false })).toEqual([]);
  });

  it('needs a timestamp format that tells the runs of a periodic export apart', () => {
    expect(validateDestinationSettings('event-export', { ...valid, timestampFormat: 'MM-DD' })).toEqual([
      { path: '$.settings.timestampFormat', message: 'must hold YYYY, MM, DD for weekly runs, so each run\'s file has its own name' },
    ]);
    expect(validateDestinationSettings('event-export', { ...valid, period: 'hourly', timestampFormat: 'YYYYMMDD' }).map((error) => error.message)).toEqual([
      'must hold YYYY, MM, DD, HH for hourly runs, so each run\'s file has its own name',
    ]);
    expect(validateDestinationSettings('event-export', { ...valid, period: 'hourly', timestampFormat: 'YYYYMMDDHH' })).toEqual([]);
    expect(validateDestinationSettings('event-export', { ...valid, keepUpdated: false, timestampFormat: 'MM' })).toEqual([]);
  });

  it('takes a connection string and an optional PGP public key as secrets', () => {
    expect(validateDestinationSecrets('event-export', { connectionString: 'UseDevelopmentStorage=true', pgpPublicKey: '-----BEGIN PGP' }, [])).toEqual([]);
    expect(validateDestinationSecrets('event-export', { pgpPublicKey: 'x' }, []).map((error) => error.path)).toEqual(['$.secrets.connectionString']);
  });

  it('refuses subscriptions: an export is not tied to an audience', () => {
    expect(validateSubscriptionSettings('event-export', {}).map((error) => error.message)).toEqual([
      expect.stringContaining('takes no subscriptions'),
    ]);
  });
});
