import type { OnApplicationShutdown } from '@nestjs/common';
import type { ProfileInputPublisher } from '../publishing/fail-fast-publisher';

/** Closes the HTTP publisher's producer on shutdown, after in-flight requests were answered. */
export class PublisherLifecycle implements OnApplicationShutdown {
  constructor(private readonly publisher: ProfileInputPublisher) {}

  async onApplicationShutdown(): Promise<void> {
    await this.publisher.close();
  }
}
