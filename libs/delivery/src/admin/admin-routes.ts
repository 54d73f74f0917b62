import { ApiKeyController } from '@activation/configuration';

/** A delivery controller of the admin API: every route needs an API key. */
export const DeliveryAdminController = ApiKeyController;

export { ReadAccess, WriteAccess } from '@activation/configuration';
