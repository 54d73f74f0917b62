import { CreateDeadLetters1764100000000 } from './1764100000000-create-dead-letters';

/** Every migration, oldest first. New ones are appended; applied ones are never edited. */
export const MIGRATIONS = [CreateDeadLetters1764100000000];
