import { applyDecorators, Controller, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import { ApiKeyGuard } from '@activation/configuration';
import { ApiProblems } from '../openapi/api-problems.decorator';

export const API_KEY_SCHEME = 'api-key';
export const BEARER_SCHEME = 'bearer';

/** A controller of the admin API: every route needs an API key, documented as such. */
export function AdminController(path: string, tag: string) {
  return applyDecorators(
    Controller(path),
    UseGuards(ApiKeyGuard),
    ApiTags(tag),
    ApiSecurity(API_KEY_SCHEME),
    ApiBearerAuth(BEARER_SCHEME),
    ApiProblems(401, 403),
  );
}

export { ReadAccess, WriteAccess } from '@activation/configuration';
