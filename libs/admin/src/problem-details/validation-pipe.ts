import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { flattenErrors } from '@activation/contracts';
import { expandElementErrors } from './element-errors';
import { ProblemException } from './problem';

const ROOT_BY_LOCATION: Record<string, string> = { body: '$', query: 'query', param: 'params' };

/**
 * class-validator for every DTO: unknown properties are refused (not silently dropped), and
 * each error is reported with its path (`$.projection.fields[0]`, `$.ids[1]`, `query.limit`).
 */
export class ProblemValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      transform: true,
      // Values stay inside the pipe: only `@EachElement` errors read them, to name the bad elements.
      validationError: { target: false, value: true },
      exceptionFactory: (errors: ValidationError[]) => new PendingValidation(errors),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // A path parameter stays the text that was sent: its route's id pipe parses it and names that
    // text in the 404 (converting first would turn `abc` into NaN and `1e3` into 1000).
    if (metadata.type === 'param' && metadata.data && typeof value === 'string') return value;
    if (metadata.type === 'body' && metadata.metatype && (value === undefined || value === null || typeof value !== 'object' || Array.isArray(value))) {
      throw new ProblemException('validation', 'The request body must be a JSON object.', [{ path: '$', message: 'must be a JSON object' }]);
    }
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof PendingValidation)) throw error;
      const root = ROOT_BY_LOCATION[metadata.type] ?? '$';
      throw new ProblemException('validation', 'One or more fields are not valid; see errors.', flattenErrors(expandElementErrors(error.errors), root));
    }
  }
}

class PendingValidation extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('validation failed');
  }
}
