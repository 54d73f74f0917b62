import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard, Roles } from '@activation/configuration';

/** A controller of the admin API: every route needs an API key (the admin API's security schemes). */
export function DeliveryAdminController(path: string, tag: string) {
  return applyDecorators(
    Controller(path),
    UseGuards(ApiKeyGuard),
    ApiTags(tag),
    ApiSecurity('api-key'),
    ApiBearerAuth('bearer'),
    ApiResponse({ status: 401, description: 'No API key, or an unknown, revoked or expired one' }),
    ApiResponse({ status: 403, description: 'The API key lacks the role this route needs' }),
  );
}

export const ReadAccess = () => Roles('admin', 'read-only');
export const WriteAccess = () => Roles('admin');
