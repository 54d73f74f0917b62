import { isURL, ValidatorConstraint, type ValidationArguments, type ValidatorConstraintInterface } from 'class-validator';
import { findLinkLocalAddress } from './link-local-address';

/** Azure Functions reads its key from this query parameter (case-insensitively) as well as from `x-functions-key`. */
const FUNCTION_KEY_QUERY_PARAMETER = 'code';

/**
 * Why a text is not a function (webhook) URL that may be stored, or undefined when it is one.
 * Settings are returned by the API and written to the audit log, so a URL carrying a secret
 * (userinfo, an Azure `?code=` key) is refused: secrets go in the destination's or source's secrets. So is a
 * literal link-local or cloud metadata address, which no function ever has. The reason never
 * repeats the URL (at most its host address).
 */
export function functionUrlProblem(value: unknown): string | undefined {
  const notHttp = 'url must be an http or https URL';
  if (typeof value !== 'string') return notHttp;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return notHttp;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return notHttp;
  if (url.username !== '' || url.password !== '') {
    return 'url must not hold credentials (user:password@); credentials belong in the secrets';
  }
  if ([...url.searchParams.keys()].some((name) => name.toLowerCase() === FUNCTION_KEY_QUERY_PARAMETER)) {
    return 'url must not carry the function key as "?code="; put the key in secrets.functionKey (sent as the x-functions-key header)';
  }
  const linkLocal = findLinkLocalAddress(url.hostname);
  if (linkLocal) {
    return `url must not point at ${linkLocal.address}, a ${linkLocal.kind} address: link-local and cloud metadata addresses are never called`;
  }
  if (!isURL(value, { require_tld: false, require_protocol: true, protocols: ['http', 'https'] })) return notHttp;
  return undefined;
}

@ValidatorConstraint({ name: 'functionUrl' })
export class FunctionUrlConstraint implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return functionUrlProblem(value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return functionUrlProblem(args.value) ?? 'url must be an http or https URL';
  }
}
