import { NotFoundException, type PipeTransform } from '@nestjs/common';

const MAX_INT = 2_147_483_647;

/**
 * A positive integer path id (a subscription, a run, a dead letter, an alert rule). One that cannot
 * exist is simply not found (404), answered in the same words as an unknown one: `resource` is what
 * the route holds, as in `No subscription with id "x".`.
 */
export class IntegerIdPipe implements PipeTransform<string, number> {
  constructor(private readonly resource: string) {}

  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > MAX_INT) {
      throw new NotFoundException(`No ${this.resource} with id ${JSON.stringify(String(value))}.`);
    }
    return Number(value);
  }
}
