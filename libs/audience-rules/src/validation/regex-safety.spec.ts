import { findRegexProblem } from './regex-safety';

describe('findRegexProblem', () => {
  it.each([
    '^[A-Z]{2}-\\d+$',
    '@(gmail|yahoo)\\.com$',
    '^(?:\\+47)?\\d{8}$',
    '(abc)+',
    '(?<code>[a-z]+)-\\d',
    '[(a+)+]',
    '\\(a+\\)+',
    '(\\.com|\\.org)?',
    '(ab){2}',
    '(a+){1}',
    '^(?=.*\\d)\\w{8,}$',
  ])('accepts %s', (pattern) => {
    expect(findRegexProblem(pattern)).toBeUndefined();
  });

  it.each([
    ['(a+)+', /nested quantifiers/],
    ['(.*)*', /nested quantifiers/],
    ['(a*){2,}', /nested quantifiers/],
    ['((ab)+c)*', /nested quantifiers/],
    ['(?:\\w+\\.)+com', /nested quantifiers/],
    ['(a|aa)+', /alternation/],
    ['(x|(y))*', /alternation/],
    ['(a)\\1', /backreferences/],
    ['(?<w>a)\\k<w>', /backreferences/],
    ['(unclosed', /invalid regular expression/],
    ['', /empty/],
    ['a'.repeat(257), /longer than 256/],
  ])('refuses %s', (pattern, reason) => {
    expect(findRegexProblem(pattern)).toMatch(reason);
  });
});
