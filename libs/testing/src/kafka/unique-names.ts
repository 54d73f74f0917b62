import { randomBytes } from 'node:crypto';

/** Each spec gets topics and groups of its own, so specs sharing one broker cannot interfere. */
export function uniqueTopic(purpose: string): string {
  return `test.${purpose}.${randomBytes(4).toString('hex')}`;
}

export function uniqueGroup(purpose: string): string {
  return `test-${purpose}-${randomBytes(4).toString('hex')}`;
}
