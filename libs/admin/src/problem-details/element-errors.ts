import { ValidationError } from 'class-validator';
import { EACH_ELEMENT, type ElementCheck } from '../common/each-element';

/**
 * Replaces each `@EachElement` error on an array by one error per failing element, as a child
 * named by its index, so that it is reported at `$.ids[1]` rather than at `$.ids`.
 * Needs the errors to carry their values (`validationError.value`).
 */
export function expandElementErrors(errors: ValidationError[]): ValidationError[] {
  return errors.map((error) => {
    const children = expandElementErrors(error.children ?? []);
    const check = error.contexts?.[EACH_ELEMENT] as ElementCheck | undefined;
    if (!check || !error.constraints?.[EACH_ELEMENT] || !Array.isArray(error.value)) return withFields(error, { children });
    const { [EACH_ELEMENT]: _reported, ...constraints } = error.constraints;
    const elements = (error.value as unknown[]).flatMap((element, index) =>
      check.isValid(element) ? [] : [withFields(new ValidationError(), { property: String(index), constraints: { [EACH_ELEMENT]: check.message }, children: [] })],
    );
    return withFields(error, { constraints, children: [...children, ...elements] });
  });
}

function withFields(error: ValidationError, fields: Partial<ValidationError>): ValidationError {
  return Object.assign(new ValidationError(), error, fields);
}
