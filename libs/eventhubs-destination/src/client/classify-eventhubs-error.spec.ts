import { MessagingError } from '@azure/event-hubs';
import { classifyEventHubsError } from './classify-eventhubs-error';
import { EventHubsConfigurationError } from './eventhubs-configuration-error';

function messagingError(code: string, message: string): MessagingError {
  const error = new MessagingError(message);
  error.code = code;
  return error;
}

describe('classifyEventHubsError', () => {
  it('reads unauthorized answers as invalid credentials, however deeply wrapped', () => {
    const unauthorized = messagingError('UnauthorizedError', 'InvalidSignature: The token has an invalid signature.');
    expect(classifyEventHubsError(unauthorized)).toEqual({ errorClass: 'invalid-credentials', reason: 'UnauthorizedError: InvalidSignature: The token has an invalid signature.' });
    const nested = new AggregateError([new AggregateError([messagingError('ECONNRESET', 'reset'), unauthorized])]);
    expect(classifyEventHubsError(nested).errorClass).toBe('invalid-credentials');
    expect(classifyEventHubsError(new Error('wrapped', { cause: { statusCode: 401, message: 'nope' } })).errorClass).toBe('invalid-credentials');
  });

  it('reads refused and dropped connections, operation timeouts, aborts and unavailability as timeouts', () => {
    for (const error of [
      messagingError('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:1'),
      messagingError('OperationTimeoutError', 'The send operation timed out'),
      messagingError('ServiceUnavailableError', 'The service is unavailable'),
      Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' }),
      new Error('Unable to open the amqp connection "c" due to operation timeout.'),
      new AggregateError([messagingError('ECONNREFUSED', 'refused'), messagingError('ECONNREFUSED', 'refused')]),
    ]) {
      expect(classifyEventHubsError(error).errorClass).toBe('timeout');
    }
  });

  it('reads everything else as other, with the reason of the last attempt', () => {
    expect(classifyEventHubsError(messagingError('MessagingEntityNotFoundError', "The messaging entity 'x' could not be found."))).toEqual({
      errorClass: 'other', reason: "MessagingEntityNotFoundError: The messaging entity 'x' could not be found.",
    });
    expect(classifyEventHubsError(new EventHubsConfigurationError('the Event Hubs connection string is missing'))).toEqual({
      errorClass: 'other', reason: 'the Event Hubs connection string is missing',
    });
    expect(classifyEventHubsError('boom')).toEqual({ errorClass: 'other', reason: 'Error: boom' });
  });

  it('reads a namespace name that does not resolve as other, not as a timeout', () => {
    for (const code of ['ENOTFOUND', 'EAI_AGAIN']) {
      const unresolved = messagingError(code, `getaddrinfo ${code} nowhere.servicebus.windows.net`);
      expect(classifyEventHubsError(unresolved)).toEqual({ errorClass: 'other', reason: `${code}: getaddrinfo ${code} nowhere.servicebus.windows.net` });
      expect(classifyEventHubsError(new AggregateError([unresolved, unresolved])).errorClass).toBe('other');
    }
  });

  it('never repeats a key or signature that a message carries', () => {
    const { reason } = classifyEventHubsError(new Error('bad Endpoint=sb://x/;SharedAccessKeyName=k;SharedAccessKey=SECRETKEY sr=a&sig=SECRETSIG&se=1'));
    expect(reason).not.toContain('SECRETKEY');
    expect(reason).not.toContain('SECRETSIG');
  });
});
