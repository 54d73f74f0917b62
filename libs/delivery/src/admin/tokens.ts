/** Destination kinds whose subscriptions the delivery admin routes serve. */
export const DELIVERY_ADMIN_KINDS = Symbol('DELIVERY_ADMIN_KINDS');
