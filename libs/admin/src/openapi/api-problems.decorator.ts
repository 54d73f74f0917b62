import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { ProblemDetailsDto } from './problem-details.dto';

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is malformed or a field is not valid',
  401: 'No API key, or an unknown, revoked or expired one',
  403: 'The API key lacks the role this route needs',
  404: 'No such entity',
  409: 'Conflicts with another entity (a unique name or slug, or a reference)',
  422: 'The entity is not valid (rule, projection, settings, secrets)',
  501: 'Not available for this kind yet',
  503: 'A dependency is unavailable or not configured',
};

/** Documents problem+json responses for the given statuses. */
export function ApiProblems(...statuses: number[]) {
  return applyDecorators(
    ApiExtraModels(ProblemDetailsDto),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Problem',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDetailsDto) } } },
      }),
    ),
  );
}
