import { readConnectionString } from './connection-string';
import { EventHubsConfigurationError } from './eventhubs-configuration-error';

const VALID = 'Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=c2VjcmV0LWtleQ==;EntityPath=audiences';

describe('readConnectionString', () => {
  it('reads namespace, hub and key name', () => {
    expect(readConnectionString(VALID)).toEqual({ namespace: 'ns.servicebus.windows.net', eventHubName: 'audiences', keyName: 'send' });
    expect(readConnectionString(VALID.replace(';EntityPath=audiences', ''), 'other').eventHubName).toBe('other');
  });

  it.each([
    [undefined, 'missing'],
    ['', 'missing'],
    ['not a connection string', 'invalid'],
    ['SharedAccessKeyName=a;SharedAccessKey=b;EntityPath=h', 'Endpoint'],
    ['Endpoint=https://ns.example/;SharedAccessKeyName=a;SharedAccessKey=c2VjcmV0LWtleQ==;EntityPath=h', 'sb://'],
    ['Endpoint=sb://ns/;EntityPath=h', 'SharedAccessKeyName'],
    ['Endpoint=sb://ns/;SharedAccessKey=c2VjcmV0LWtleQ==;EntityPath=h', 'SharedAccessKeyName'],
    ['Endpoint=sb://ns/;SharedAccessKeyName=a;SharedAccessKey=c2VjcmV0LWtleQ==', 'no event hub'],
  ])('refuses %p with a clear configuration error', (value, expected) => {
    let thrown: unknown;
    try {
      readConnectionString(value);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(EventHubsConfigurationError);
    expect((thrown as Error).message).toContain(expected);
    expect((thrown as Error).message).not.toContain('c2VjcmV0LWtleQ==');
  });

  it('refuses a hub name that contradicts EntityPath', () => {
    expect(() => readConnectionString(VALID, 'elsewhere')).toThrow(/different hubs/);
  });
});
