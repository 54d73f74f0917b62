/** Shared shapes of names people choose. */
export const SLUG = /^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$/;
export const SLUG_MESSAGE = 'must be 1 to 64 lower-case letters, digits and inner hyphens';
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,127}$/;
export const VARIABLE_NAME_MESSAGE = 'each must be a name of letters, digits, _ . - starting with a letter or _';
