export const SETTINGS = Symbol('SETTINGS');
export const SERVICE_NAME = Symbol('SERVICE_NAME');
export const DATA_SOURCE = Symbol('DATA_SOURCE');
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
