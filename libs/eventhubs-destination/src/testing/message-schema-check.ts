import Ajv from 'ajv';
import { AUDIENCE_MESSAGE_SCHEMA } from '../message/audience-message.schema';

const ajv = new Ajv({ strict: true, allErrors: true });
const validate = ajv.compile(AUDIENCE_MESSAGE_SCHEMA);

/** Throws, naming every problem, unless the message is exactly seed 002's shape. */
export function assertAudienceMessage(message: unknown): void {
  if (!validate(message)) throw new Error(`not a seed 002 message: ${ajv.errorsText(validate.errors)} in ${JSON.stringify(message)}`);
}
