/** The DeliveryEngine of an emitter. */
export const DELIVERY_ENGINE = Symbol('DELIVERY_ENGINE');
