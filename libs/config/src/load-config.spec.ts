import { ConfigValidationError, loadConfig } from './load-config';
import { PlatformSettings } from './platform-settings';

describe('loadConfig', () => {
  it('applies local defaults when nothing is set', () => {
    const settings = loadConfig(PlatformSettings, {});
    expect(settings.PORT).toBe(3000);
    expect(settings.KAFKA_BROKERS).toEqual(['127.0.0.1:9092']);
    expect(settings.DATABASE_SCHEMA).toBe('public');
  });

  it('converts strings into the declared types', () => {
    const settings = loadConfig(PlatformSettings, { PORT: '8080', KAFKA_BROKERS: 'a:1, b:2' });
    expect(settings.PORT).toBe(8080);
    expect(settings.KAFKA_BROKERS).toEqual(['a:1', 'b:2']);
  });

  it('names every invalid variable in one error', () => {
    expect.assertions(4);
    try {
      loadConfig(PlatformSettings, { PORT: 'abc', KAFKA_BROKERS: 'no-port', LOG_LEVEL: 'loud' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigValidationError);
      const variables = (error as ConfigValidationError).problems.map((p) => p.variable);
      expect(variables).toEqual(expect.arrayContaining(['PORT', 'KAFKA_BROKERS', 'LOG_LEVEL']));
      expect((error as Error).message).toContain('PORT');
      expect((error as Error).message).toContain('"abc"');
    }
  });

  it('never prints the value of a secret setting', () => {
    try {
      loadConfig(PlatformSettings, { DATABASE_URL: 'mysql://user:hunter2@db' });
      throw new Error('expected a validation error');
    } catch (error) {
      expect((error as Error).message).toContain('DATABASE_URL');
      expect((error as Error).message).not.toContain('hunter2');
    }
  });
});
