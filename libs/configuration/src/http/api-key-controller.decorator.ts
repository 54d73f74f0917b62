import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiResponse, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { Roles } from '../auth/roles.decorator';

/**
 * A controller of the admin API outside libs/admin (delivery, alerts, event exports): every route
 * needs an API key, documented with the admin API's security schemes.
 */
export function ApiKeyController(path: string, tag: string) {
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

/** Reading: admin and read-only keys. */
export const ReadAccess = () => Roles('admin', 'read-only');

/** Changing anything: admin keys only. */
export const WriteAccess = () => Roles('admin');
