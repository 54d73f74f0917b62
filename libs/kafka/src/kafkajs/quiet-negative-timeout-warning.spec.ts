import { isKafkajsNegativeTimeout } from './quiet-negative-timeout-warning';

const warningFrom = (frame: string, name = 'TimeoutNegativeWarning') =>
  Object.assign(new Error('-1795668587127 is a negative number.'), {
    name,
    stack: `${name}: -1795668587127 is a negative number.\n    at new Timeout (node:internal/timers:233:17)\n    at ${frame}`,
  });

describe('the kafkajs negative-timeout warning', () => {
  it('is recognised when kafkajs set the timeout', () => {
    expect(isKafkajsNegativeTimeout(warningFrom('RequestQueue.scheduleCheckPendingRequests (/app/node_modules/kafkajs/src/network/requestQueue/index.js:299:38)'))).toBe(true);
  });

  it('is left alone from anywhere else, and other warnings are never dropped', () => {
    expect(isKafkajsNegativeTimeout(warningFrom('retry (/app/libs/delivery/src/dispatch/retry.ts:10:3)'))).toBe(false);
    expect(isKafkajsNegativeTimeout(warningFrom('x (/app/node_modules/kafkajs/src/index.js:1:1)', 'DeprecationWarning'))).toBe(false);
  });
});
