import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { ApiKeyPrincipal, ApiKeyRole } from '../api-keys/api-key-roles';
import { ConfigurationCache } from '../cache/configuration-cache';
import { extractApiKey } from './extract-api-key';
import { ROLES_METADATA } from './roles.decorator';

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  principal?: ApiKeyPrincipal;
}

/**
 * Requires a valid API key (401 otherwise) holding one of the route's `@Roles` (403 otherwise).
 * A route without `@Roles` is refused for every key: forgetting the decorator closes a route,
 * it never opens one.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly cache: ConfigurationCache,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const raw = extractApiKey(request.headers);
    if (!raw) throw new UnauthorizedException('An API key is required: send it as x-api-key or Authorization: Bearer <key>.');
    const principal = await this.cache.verifyApiKey(raw);
    if (!principal) throw new UnauthorizedException('The API key is unknown, revoked or expired.');
    request.principal = principal;
    const required = this.reflector.getAllAndOverride<ApiKeyRole[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]) ?? [];
    if (!required.some((role) => principal.roles.includes(role))) {
      throw new ForbiddenException(
        required.length === 0 ? 'This route is not open to any API key.' : `This route needs an API key with one of the roles: ${required.join(', ')}.`,
      );
    }
    return true;
  }
}
