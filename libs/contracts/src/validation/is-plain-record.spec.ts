import { validateSync } from 'class-validator';
import { IsPlainRecord, isPlainRecord } from './is-plain-record';

class Holder {
  @IsPlainRecord()
  set?: unknown;
}

const messagesFor = (set: unknown) =>
  validateSync(Object.assign(new Holder(), { set })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsPlainRecord', () => {
  it('accepts a JSON object', () => {
    expect(messagesFor({ a: 1 })).toEqual([]);
    expect(isPlainRecord({})).toBe(true);
  });

  it.each([['a string', 'x'], ['null', null], ['an array', [1]], ['a number', 3]])('says a JSON object is expected for %s', (_case, value) => {
    expect(messagesFor(value)).toEqual(['set must be a JSON object']);
  });

  it('names the reserved key only when the object holds one', () => {
    expect(messagesFor(JSON.parse('{"a":1,"__proto__":{"x":1}}'))).toEqual(['set must not hold the reserved key "__proto__"']);
    expect(messagesFor({ constructor: 1 })).toEqual(['set must not hold the reserved key "constructor"']);
    expect(isPlainRecord({ prototype: 1 })).toBe(false);
  });
});
