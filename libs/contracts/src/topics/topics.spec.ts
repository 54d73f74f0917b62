import { TOPICS, deadLetterTopicOf, isDeadLetterTopic } from './topics';

describe('topics', () => {
  it('derives the dead-letter topic of any topic', () => {
    expect(deadLetterTopicOf(TOPICS.profileInputs)).toBe('activation.profile-inputs.v1.dlq');
    expect(isDeadLetterTopic(deadLetterTopicOf(TOPICS.ingestRaw))).toBe(true);
    expect(isDeadLetterTopic(TOPICS.ingestRaw)).toBe(false);
  });

  it('keeps every topic name unique and versioned', () => {
    const names = Object.values(TOPICS);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) expect(name).toMatch(/^activation\.[a-z-.]+\.v\d+$/);
  });
});
