import { performance } from 'node:perf_hooks';
import type { CallResult, CallSender, DeliveryCall } from '@activation/delivery';
import { redactSecrets } from '@activation/persistence';
import type { DocumentChannel } from './document-channel';

/** One subscription's sender: hands its calls to the destination's shared channel. */
export class LyticsSender implements CallSender {
  constructor(
    private readonly channel: DocumentChannel,
    private readonly release: () => Promise<void>,
  ) {}

  async send(call: DeliveryCall): Promise<CallResult> {
    const started = performance.now();
    const result = await this.channel.submit(call.rows);
    const latencyMs = performance.now() - started;
    // What the call log keeps: user fields named like secrets are redacted, as for every destination.
    const request = { documents: redactSecrets(result.documents) };
    if (!result.ok) return { outcome: 'rejected', errorClass: result.errorClass, reason: result.reason, latencyMs, request };
    const skipped = result.skipped > 0 ? `; ${result.skipped} MODIFIED row(s) are no enter or exit and were not sent` : '';
    const response = `sent in ${result.documents.length} document(s)${skipped}`;
    if (result.rejected.length === 0) return { outcome: 'delivered', latencyMs, request, response };
    // Only the rows of a document that could not be built or sent fail; the framework retries them.
    if (result.rejected.length === call.rows.length) return { outcome: 'rejected', errorClass: 'other', reason: result.rejected[0].reason, latencyMs, request, response };
    return { outcome: 'partial', rejected: result.rejected, latencyMs, request, response: `${response}; ${result.rejected.length} row(s) rejected` };
  }

  close(): Promise<void> {
    return this.release();
  }
}
