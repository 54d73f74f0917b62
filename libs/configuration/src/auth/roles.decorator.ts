import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from '../api-keys/api-key-roles';

export const ROLES_METADATA = 'activation:roles';

/** Roles of which an API key needs at least one for this route (or every route of a controller). */
export const Roles = (...roles: ApiKeyRole[]) => SetMetadata(ROLES_METADATA, roles);
