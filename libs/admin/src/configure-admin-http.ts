import type { INestApplication } from '@nestjs/common';
import { setupOpenApi } from './openapi/openapi-document';

/** HTTP set-up of the admin API beyond its modules: the OpenAPI document and UI. */
export function configureAdminHttp(app: INestApplication): void {
  setupOpenApi(app);
}
