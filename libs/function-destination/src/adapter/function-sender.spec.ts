import type { HttpExchange } from '../http/function-client';
import { SEED_REJECTED_ROWS_RESPONSE } from '../testing/seed-000-examples';
import { judge } from './function-sender';

const response = (status: number, body = '', headers: Record<string, string> = {}): HttpExchange => ({
  kind: 'response', status, body, headers, latencyMs: 3, callId: 'c',
});
const keys = new Set(['928713', '283743', '162352']);

describe('judge (seed 000 answers)', () => {
  it('delivers on 2xx with {} or nothing', () => {
    expect(judge(response(200, '{}'), keys)).toMatchObject({ outcome: 'delivered', httpStatus: 200 });
    expect(judge(response(204), keys)).toMatchObject({ outcome: 'delivered' });
  });

  it('rejects the rows the response names, ignoring keys not in the call', () => {
    expect(judge(response(200, SEED_REJECTED_ROWS_RESPONSE), keys)).toMatchObject({
      outcome: 'partial',
      rejected: [
        { primaryKey: '928713', reason: 'Email not found' },
        { primaryKey: '283743', reason: 'Email already exists' },
      ],
    });
    expect(judge(response(200, SEED_REJECTED_ROWS_RESPONSE), new Set(['162352']))).toMatchObject({ outcome: 'delivered' });
  });

  it('waits on 429 and 503 with Retry-After, and rejects them without it', () => {
    expect(judge(response(429, '', { 'retry-after': '3' }), keys)).toMatchObject({ outcome: 'throttled', retryAfterMs: 3000 });
    expect(judge(response(503, '', { 'retry-after': '1' }), keys)).toMatchObject({ outcome: 'throttled', retryAfterMs: 1000 });
    expect(judge(response(503, 'busy'), keys)).toMatchObject({ outcome: 'rejected', errorClass: 'http-status', reason: 'HTTP 503: busy' });
  });

  it('rejects the whole call on other statuses, unreadable bodies and failures', () => {
    expect(judge(response(500, 'boom'), keys)).toMatchObject({ outcome: 'rejected', errorClass: 'http-status' });
    expect(judge(response(302, ''), keys)).toMatchObject({ outcome: 'rejected', errorClass: 'http-status' });
    expect(judge(response(200, '<html>'), keys)).toMatchObject({ outcome: 'rejected', errorClass: 'invalid-response' });
    expect(judge({ kind: 'failure', errorClass: 'timeout', reason: 'slow', latencyMs: 1, callId: 'c' }, keys)).toEqual({
      outcome: 'rejected', errorClass: 'timeout', reason: 'slow',
    });
  });
});
