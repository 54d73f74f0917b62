import { SEED_REJECTED_ROWS_RESPONSE, SEED_SUCCESS_RESPONSE } from '../testing/seed-000-examples';
import { parseFunctionResponse, retryAfterMs } from './function-response';

describe('parseFunctionResponse (seed 000 examples)', () => {
  it('reads the success example and an empty body as delivered', () => {
    expect(parseFunctionResponse(SEED_SUCCESS_RESPONSE)).toEqual({ kind: 'delivered' });
    expect(parseFunctionResponse('')).toEqual({ kind: 'delivered' });
    expect(parseFunctionResponse('{"errors": []}')).toEqual({ kind: 'delivered' });
  });

  it('reads the rejected-rows example', () => {
    expect(parseFunctionResponse(SEED_REJECTED_ROWS_RESPONSE)).toEqual({
      kind: 'rejected-rows',
      rows: [
        { primaryKeyValue: '928713', reason: 'Email not found' },
        { primaryKeyValue: '283743', reason: 'Email already exists' },
      ],
    });
  });

  it('accepts numeric keys and a missing reason', () => {
    expect(parseFunctionResponse('{"errors":[{"primary_key_value":42}]}')).toEqual({
      kind: 'rejected-rows',
      rows: [{ primaryKeyValue: '42', reason: 'rejected by the function' }],
    });
  });

  it.each(['not json', '[]', '"ok"', 'null', '{"errors":{}}', '{"errors":[{"reason":"x"}]}', '{"errors":[{"primary_key_value":"1","reason":5}]}'])(
    'cannot read %s',
    (body) => expect(parseFunctionResponse(body).kind).toBe('invalid'),
  );
});

describe('retryAfterMs', () => {
  it('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('2')).toBe(2000);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6_000);
    expect(retryAfterMs(undefined)).toBeUndefined();
    expect(retryAfterMs('soon')).toBeUndefined();
  });
});
