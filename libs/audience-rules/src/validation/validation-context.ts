import type { RuleValidationError } from './validation-result';

export class ValidationContext {
  readonly errors: RuleValidationError[] = [];

  add(path: string, message: string): void {
    this.errors.push({ path, message });
  }
}
