import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { ApiKeyPrincipal } from '../api-keys/api-key-roles';
import type { AuthenticatedRequest } from './api-key.guard';

/** The verified API key of the request (routes behind ApiKeyGuard only). */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): ApiKeyPrincipal => {
  const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
  if (!principal) throw new Error('CurrentPrincipal used on a route without ApiKeyGuard');
  return principal;
});
