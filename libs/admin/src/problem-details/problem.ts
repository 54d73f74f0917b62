import type { FieldError } from '@activation/contracts';

/** RFC 9457 problem details, with `errors` listing each invalid field by path. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** The kinds of problem this API reports; `type` is a stable URI clients can switch on. */
export const PROBLEM_TYPES = {
  badRequest: { slug: 'bad-request', title: 'Bad request', status: 400 },
  validation: { slug: 'validation', title: 'The request is not valid', status: 400 },
  invalidEntity: { slug: 'invalid-entity', title: 'The entity is not valid', status: 422 },
  unauthorized: { slug: 'unauthorized', title: 'Authentication required', status: 401 },
  forbidden: { slug: 'forbidden', title: 'Not allowed', status: 403 },
  notFound: { slug: 'not-found', title: 'Not found', status: 404 },
  methodNotAllowed: { slug: 'method-not-allowed', title: 'Method not allowed', status: 405 },
  conflict: { slug: 'conflict', title: 'Conflict', status: 409 },
  payloadTooLarge: { slug: 'payload-too-large', title: 'Request body too large', status: 413 },
  unsupportedMediaType: { slug: 'unsupported-media-type', title: 'Unsupported media type', status: 415 },
  notImplemented: { slug: 'not-implemented', title: 'Not implemented', status: 501 },
  unavailable: { slug: 'unavailable', title: 'Service unavailable', status: 503 },
  internal: { slug: 'internal', title: 'Internal error', status: 500 },
} as const;

export type ProblemKind = keyof typeof PROBLEM_TYPES;

export function problemTypeUri(slug: string): string {
  return `urn:activation:problem:${slug}`;
}

/** Thrown by use cases and pipes; the filter renders it as problem+json. */
export class ProblemException extends Error {
  constructor(
    readonly kind: ProblemKind,
    readonly detail?: string,
    readonly errors?: FieldError[],
  ) {
    super(detail ?? PROBLEM_TYPES[kind].title);
    this.name = 'ProblemException';
  }

  static notFound(what: string, id: string | number): ProblemException {
    return new ProblemException('notFound', `No ${what} with id ${JSON.stringify(String(id))}.`);
  }

  static invalid(errors: FieldError[], detail = 'One or more fields are not valid; see errors.'): ProblemException {
    return new ProblemException('invalidEntity', detail, errors);
  }
}

/** Throws a 422 problem when any field error was found. */
export function assertNoFieldErrors(errors: FieldError[]): void {
  if (errors.length > 0) throw ProblemException.invalid(errors);
}
