import type { PipeTransform } from '@nestjs/common';
import { ProblemException } from '../problem-details/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * An id that cannot exist is simply not found (404), like an unknown one, and answered in the
 * same words: `resource` is what the route holds ("audience"), as in `No audience with id "x".`.
 */
export class UuidIdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw ProblemException.notFound(this.resource, value);
    return value.toLowerCase();
  }
}

export { IntegerIdPipe } from '@activation/configuration';
