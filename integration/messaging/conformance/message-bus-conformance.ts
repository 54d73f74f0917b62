import type { MessageBus, Subscription } from '@activation/kafka';
import type { ConformanceBusOptions, ConformanceEnvironment, ConformanceFactory } from './conformance-environment';
import { deliveryCases } from './delivery.cases';
import { failureCases } from './failure.cases';
import { groupCases } from './group.cases';

/** The cases of the suite, by id (for `knownGaps`). */
export type ConformanceCase =
  | 'round-trip'
  | 'key-order'
  | 'new-group-from-beginning'
  | 'new-group-from-end'
  | 'commit-after-success'
  | 'poison-to-dead-letters'
  | 'stop-commits-in-flight-batch'
  | 'group-split-and-takeover';

export interface ConformanceOptions {
  /**
   * Cases the implementation is known to fail today: they run as `it.failing`, so the spec stays
   * green while the gap is open and turns red (remove the entry) once it is fixed.
   */
  knownGaps?: ConformanceCase[];
}

export interface SuiteContext {
  /** A new bus (a separate service instance); closed after the suite. */
  bus(name: string, options?: ConformanceBusOptions): Promise<MessageBus>;
  /** Stops a subscription whose stop the case does not examine without waiting for it (a Kafka leave takes seconds). */
  stopLater(subscription: Subscription): void;
  it(id: ConformanceCase, title: string, fn: () => Promise<void>): void;
}

/**
 * The delivery contract every MessageBus implementation must keep, as one suite: each
 * implementation's spec calls this with a factory for its environment.
 */
export function describeMessageBusConformance(name: string, factory: ConformanceFactory, options: ConformanceOptions = {}): void {
  describe(`MessageBus conformance: ${name}`, () => {
    let environment: ConformanceEnvironment | undefined;
    const buses: MessageBus[] = [];
    const stopping: Array<Promise<void>> = [];
    const context: SuiteContext = {
      bus: async (busName, busOptions) => {
        if (!environment) throw new Error('the conformance environment is not set up');
        const bus = await environment.createBus(busName, busOptions);
        buses.push(bus);
        return bus;
      },
      stopLater: (subscription) => {
        stopping.push(subscription.stop().catch(() => undefined));
      },
      it: (id, title, fn) => {
        const known = options.knownGaps?.includes(id);
        (known ? it.failing : it)(known ? `${title} [known gap]` : title, fn);
      },
    };

    beforeAll(async () => {
      environment = await factory();
    });

    afterAll(async () => {
      await Promise.all(stopping);
      await Promise.all(buses.map((bus) => bus.close().catch(() => undefined)));
      await environment?.dispose();
    });

    deliveryCases(context);
    failureCases(context);
    groupCases(context);
  });
}
