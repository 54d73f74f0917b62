import { Injectable, type PipeTransform } from '@nestjs/common';
import { ProblemException } from '../problem-details/problem';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An id that cannot exist is simply not found (404), like an unknown one. */
@Injectable()
export class UuidIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!UUID.test(value)) throw new ProblemException('notFound', `No entity with id ${JSON.stringify(value)}.`);
    return value.toLowerCase();
  }
}

@Injectable()
export class IntegerIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    if (!/^[1-9]\d{0,9}$/.test(value) || Number(value) > 2_147_483_647) {
      throw new ProblemException('notFound', `No entity with id ${JSON.stringify(value)}.`);
    }
    return Number(value);
  }
}
