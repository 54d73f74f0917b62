/** Specs here build membership events with the delivery framework's fixture (one definition). */
export { membershipEvent } from '@activation/delivery';
