export interface RuleValidationError {
  /** JSON path of the offending node, e.g. `$.all[2].operator`. */
  path: string;
  message: string;
}

export interface RuleValidationResult {
  valid: boolean;
  errors: RuleValidationError[];
}

/** Thrown by compileRule for a rule that does not validate; carries every error. */
export class InvalidRuleError extends Error {
  constructor(readonly errors: RuleValidationError[]) {
    super(
      `Invalid audience rule: ${errors.map((error) => `${error.path}: ${error.message}`).join('; ')}`,
    );
    this.name = 'InvalidRuleError';
  }
}
