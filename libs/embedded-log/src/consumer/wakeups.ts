import { EventEmitter } from 'node:events';

/**
 * Wakes consumers in this process as soon as a publish in this process commits, so the
 * single-process default does not wait for the next poll. Across processes, polling does the job.
 * A wake-up names only the topic; a spurious one (same topic name in another schema) costs one poll.
 */
const emitter = new EventEmitter();
emitter.setMaxListeners(0);

export function announceAppended(topic: string): void {
  emitter.emit(topic);
}

export function onAppended(topics: string[], listener: () => void): () => void {
  for (const topic of topics) emitter.on(topic, listener);
  return () => {
    for (const topic of topics) emitter.off(topic, listener);
  };
}
