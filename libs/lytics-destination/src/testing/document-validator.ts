import Ajv2020 from 'ajv/dist/2020';
import { LYTICS_DOCUMENT_SCHEMA } from '../document/lytics-document.schema';

const ajv = new Ajv2020({ allErrors: true, strict: true });
const validate = ajv.compile(LYTICS_DOCUMENT_SCHEMA);

/** Throws with every schema violation unless `value` is a valid Lytics-style document. */
export function assertLyticsDocument(value: unknown): void {
  if (validate(value)) return;
  throw new Error(`not a valid Lytics-style document: ${ajv.errorsText(validate.errors, { separator: '; ' })}`);
}
