import { NotFoundException, type PipeTransform } from '@nestjs/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A UUID path id (an audience, a destination, an API key). One that cannot exist is simply not
 * found (404), in the same words as an unknown one: `No destination with id "x".`.
 */
export class UuidIdPipe implements PipeTransform<string, string> {
  constructor(private readonly resource: string) {}

  transform(value: string): string {
    if (!UUID.test(value)) throw new NotFoundException(`No ${this.resource} with id ${JSON.stringify(String(value))}.`);
    return value.toLowerCase();
  }
}
