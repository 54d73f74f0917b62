import type { DataSource } from 'typeorm';
import { HEADERS } from '@activation/contracts';
import type { DeadLetter, DeadLetterRecorder } from '@activation/kafka';
import { redactSecrets, redactPayloadText } from '../redaction/redact-secrets';

/**
 * Writes each dead letter to the `dead_letters` table. The original bytes are kept (replay must
 * publish them unchanged); the readable copy and the headers have secrets redacted. Recording the
 * same origin twice (a redelivered batch) keeps one row. A replayed message that failed again
 * names the dead letter it was replayed from (`replay_of`).
 */
export class TypeormDeadLetterRecorder implements DeadLetterRecorder {
  constructor(private readonly dataSource: DataSource) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO dead_letters
         (service, topic, partition, "offset", message_key, payload, payload_text, headers, reason, failed_at, replay_of)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
       ON CONFLICT ON CONSTRAINT dead_letters_origin DO UPDATE SET reason = EXCLUDED.reason`,
      [
        letter.service,
        letter.topic,
        letter.partition,
        letter.offset,
        letter.key,
        letter.value,
        redactPayloadText(letter.value),
        JSON.stringify(redactSecrets(letter.headers)),
        letter.reason,
        letter.failedAt,
        replayOf(letter.headers),
      ],
    );
  }
}

/** The dead-letter id a replay put in the header; anything else (a hand-made header) is ignored. */
function replayOf(headers: Record<string, string>): string | null {
  const id = headers[HEADERS.replayOf];
  return id !== undefined && /^[1-9]\d{0,17}$/.test(id) ? id : null;
}
