/** Binds the AudienceCatalog the evaluator reads audiences from (the configuration cache). */
export const AUDIENCE_CATALOG = Symbol('AUDIENCE_CATALOG');
/** Binds the Clock; the system clock unless a test supplies its own. */
export const EVALUATION_CLOCK = Symbol('EVALUATION_CLOCK');
