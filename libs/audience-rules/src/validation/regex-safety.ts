import { RULE_LIMITS } from '../rule-limits';

interface GroupFrame {
  hasQuantifier: boolean;
  hasAlternation: boolean;
}

const QUANTIFIER_BRACES = /^\{(\d+)(,(\d*))?\}/;

/** Length of the quantifier at `index` and whether it can repeat its atom more than once; null if none. */
function readQuantifier(
  pattern: string,
  index: number,
): { length: number; repeats: boolean } | null {
  const char = pattern[index];
  let length: number;
  let repeats: boolean;
  if (char === '*' || char === '+') {
    length = 1;
    repeats = true;
  } else if (char === '?') {
    length = 1;
    repeats = false;
  } else if (char === '{') {
    const braces = QUANTIFIER_BRACES.exec(pattern.slice(index));
    if (braces === null) return null;
    length = braces[0].length;
    const max =
      braces[2] === undefined
        ? Number(braces[1])
        : braces[3] === ''
          ? Infinity
          : Number(braces[3]);
    repeats = max > 1;
  } else {
    return null;
  }
  if (pattern[index + length] === '?') length += 1;
  return { length, repeats };
}

function skipCharacterClass(pattern: string, start: number): number {
  let index = start + 1;
  while (index < pattern.length && pattern[index] !== ']') {
    index += pattern[index] === '\\' ? 2 : 1;
  }
  return index + 1;
}

/** Skips `?:`, `?=`, `?!`, `?<=`, `?<!`, `?<name>` and modifier prefixes so their `?` is not read as a quantifier. */
function skipGroupPrefix(pattern: string, afterParen: number): number {
  if (pattern[afterParen] !== '?') return afterParen;
  const next = pattern[afterParen + 1];
  if (next === ':' || next === '=' || next === '!') return afterParen + 2;
  if (next === '<') {
    const kind = pattern[afterParen + 2];
    if (kind === '=' || kind === '!') return afterParen + 3;
    return indexAfter(pattern, '>', afterParen);
  }
  return indexAfter(pattern, ':', afterParen);
}

function indexAfter(pattern: string, char: string, from: number): number {
  const found = pattern.indexOf(char, from);
  return found === -1 ? pattern.length : found + 1;
}

/**
 * Refuses the pattern shapes that make a backtracking engine take exponential or high polynomial
 * time: a repeated group that itself contains a quantifier or an alternation (`(a+)+`, `(.*)*`,
 * `(a|aa)+`), and backreferences. Returns a readable reason, or undefined when the pattern is accepted.
 */
export function findUnsafeRegexReason(pattern: string): string | undefined {
  const stack: GroupFrame[] = [{ hasQuantifier: false, hasAlternation: false }];
  let lastGroup: GroupFrame | null = null;
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    const frame = stack[stack.length - 1];
    if (char === '\\') {
      const next = pattern[index + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && pattern[index + 2] === '<')) {
        return 'backreferences are not allowed';
      }
      lastGroup = null;
      index += 2;
      continue;
    }
    if (char === '[') {
      lastGroup = null;
      index = skipCharacterClass(pattern, index);
      continue;
    }
    if (char === '(') {
      stack.push({ hasQuantifier: false, hasAlternation: false });
      lastGroup = null;
      index = skipGroupPrefix(pattern, index + 1);
      continue;
    }
    if (char === ')' && stack.length > 1) {
      const closed = stack.pop() as GroupFrame;
      const parent = stack[stack.length - 1];
      parent.hasQuantifier ||= closed.hasQuantifier;
      parent.hasAlternation ||= closed.hasAlternation;
      lastGroup = closed;
      index += 1;
      continue;
    }
    if (char === '|') {
      frame.hasAlternation = true;
      lastGroup = null;
      index += 1;
      continue;
    }
    const quantifier = readQuantifier(pattern, index);
    if (quantifier !== null) {
      if (quantifier.repeats && lastGroup?.hasQuantifier) {
        return 'nested quantifiers such as (a+)+ can take exponential time';
      }
      if (quantifier.repeats && lastGroup?.hasAlternation) {
        return 'a repeated group containing alternation such as (a|aa)+ can take exponential time; use a character class';
      }
      frame.hasQuantifier = true;
      lastGroup = null;
      index += quantifier.length;
      continue;
    }
    lastGroup = null;
    index += 1;
  }
  return undefined;
}

/** Full check for a `matches` pattern: length, syntax, then shape. Returns a reason or undefined. */
export function findRegexProblem(pattern: string): string | undefined {
  if (pattern.length === 0) return 'pattern must not be empty';
  if (pattern.length > RULE_LIMITS.maxPatternLength) {
    return `pattern is longer than ${RULE_LIMITS.maxPatternLength} characters`;
  }
  try {
    new RegExp(pattern);
  } catch (error) {
    // V8's message already says "Invalid regular expression: /…/"; keep only its own words.
    return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /s, '')}`;
  }
  return findUnsafeRegexReason(pattern);
}
