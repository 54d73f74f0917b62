import { Injectable } from '@nestjs/common';
import type { DestinationConfig } from '../cache/configuration-views';
import type { DestinationKind } from '../entities/destination.entity';

export interface DestinationTestResult {
  ok: boolean;
  /** What was tried and what came back, for a person to read; never a secret. */
  detail: string;
  /** HTTP status or similar of the remote answer, when there was one. */
  status?: number;
  latencyMs?: number;
}

/** Makes one harmless call to a destination with its real settings and secrets ("setup test"). */
export interface DestinationTester {
  test(destination: DestinationConfig, secrets: Readonly<Record<string, string>>): Promise<DestinationTestResult>;
}

/**
 * Testers by destination kind. Each kind's implementation registers itself here (e.g. in its
 * module's onModuleInit) when its issue lands; a kind without a tester answers 501.
 */
@Injectable()
export class DestinationTesterRegistry {
  private readonly testers = new Map<DestinationKind, DestinationTester>();

  register(kind: DestinationKind, tester: DestinationTester): void {
    this.testers.set(kind, tester);
  }

  get(kind: DestinationKind): DestinationTester | undefined {
    return this.testers.get(kind);
  }
}
