import { type DynamicModule, Inject, Injectable, Module, type OnModuleInit } from '@nestjs/common';
import { DestinationTesterRegistry, type DestinationKind, type DestinationTester } from '@activation/configuration';
import { MESSAGE_BUS, type MessageBus } from '@activation/kafka';
import { SNAPSHOT_REQUESTER, TopicSnapshotRequester } from '../resync/snapshot-requester';
import { DeliveryAdminService } from './delivery-admin.service';
import { SubscriptionDeliveryController } from './subscription-delivery.controller';
import { SyncRunsController } from './sync-runs.controller';
import { DELIVERY_ADMIN_KINDS } from './tokens';

export interface DeliveryAdminModuleOptions {
  /** Destination kinds delivered by the framework (e.g. `function`). */
  kinds: readonly DestinationKind[];
  /** Where re-sync requests go (the evaluator reads them). */
  snapshotRequestsTopic: string;
  /** "Test destination" implementations to register with the admin API's tester registry. */
  testers?: Partial<Record<DestinationKind, DestinationTester>>;
}

const TESTERS = Symbol('DELIVERY_ADMIN_TESTERS');

@Injectable()
class RegisterTesters implements OnModuleInit {
  constructor(
    private readonly registry: DestinationTesterRegistry,
    @Inject(TESTERS) private readonly testers: Partial<Record<DestinationKind, DestinationTester>>,
  ) {}

  onModuleInit(): void {
    for (const [kind, tester] of Object.entries(this.testers)) if (tester) this.registry.register(kind as DestinationKind, tester);
  }
}

/**
 * The delivery routes of the admin API (mount beside AdminModule; needs ServiceRuntimeModule and
 * ConfigurationModule): `/v1/subscriptions/:syncId/{status, sync-runs, sync-runs/:syncRunId,
 * sync-runs/:syncRunId/calls, dead-letters, resync, replays}` and `/v1/sync-runs`.
 */
@Module({})
export class DeliveryAdminModule {
  static forRoot(options: DeliveryAdminModuleOptions): DynamicModule {
    return {
      module: DeliveryAdminModule,
      controllers: [SubscriptionDeliveryController, SyncRunsController],
      providers: [
        { provide: DELIVERY_ADMIN_KINDS, useValue: options.kinds },
        { provide: TESTERS, useValue: options.testers ?? {} },
        {
          provide: SNAPSHOT_REQUESTER,
          useFactory: (bus: MessageBus) => new TopicSnapshotRequester(bus, options.snapshotRequestsTopic),
          inject: [MESSAGE_BUS],
        },
        DeliveryAdminService,
        RegisterTesters,
      ],
    };
  }
}
