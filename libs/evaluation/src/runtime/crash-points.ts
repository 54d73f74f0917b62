/**
 * Named points of the batch pipeline where a test may stop the process, to prove a crash at
 * any of them loses nothing. In production the hook is absent.
 */
export const CRASH_POINTS = ['after-state-transaction', 'after-outbox-publish', 'before-offset-commit'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];
export type CrashHook = (point: CrashPoint) => void;
