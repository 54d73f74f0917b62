import { validateSync } from 'class-validator';
import { IsText, textProblem } from './is-text';

class Named {
  @IsText(1, 5)
  name?: unknown;
}

const messagesFor = (name: unknown) =>
  validateSync(Object.assign(new Named(), { name })).flatMap((error) => Object.values(error.constraints ?? {}));

describe('IsText', () => {
  it('accepts strings within the bounds', () => {
    expect(messagesFor('a')).toEqual([]);
    expect(messagesFor('abcde')).toEqual([]);
  });

  it.each([
    ['missing', undefined, 'name is required'],
    ['null', null, 'name must be a string'],
    ['a number', 42, 'name must be a string'],
    ['empty', '', 'name must not be empty'],
    ['too long', 'abcdef', 'name must be at most 5 characters long (it has 6)'],
  ])('says in one message when the value is %s', (_case, value, message) => {
    expect(messagesFor(value)).toEqual([message]);
  });

  it('names a lower bound above one', () => {
    expect(textProblem('code', 'ab', 3, 8)).toBe('code must be at least 3 characters long');
  });
});
