import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { parseSecretKeys } from './secret-keyring';

/** Checks `keyId:base64Key,...` without ever echoing a key in the message. */
@ValidatorConstraint({ name: 'secretKeyList' })
export class SecretKeyListConstraint implements ValidatorConstraintInterface {
  private problem = '';

  validate(value: unknown): boolean {
    if (typeof value !== 'string') {
      this.problem = 'must be a string';
      return false;
    }
    try {
      parseSecretKeys(value);
      return true;
    } catch (error) {
      this.problem = (error as Error).message;
      return false;
    }
  }

  defaultMessage(): string {
    return `SECRETS_KEYS ${this.problem}`;
  }
}
