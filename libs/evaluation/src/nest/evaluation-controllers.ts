import { Controller, Inject, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BatchEventPattern, type ConsumedMessage } from '@activation/kafka';
import { EvaluationEngine } from '../evaluation-engine';

/**
 * The consumers are built for the configured topic names (a decorator argument is fixed when the
 * class is defined), so a deployment or a test can point them at other topics.
 */
export function profileInputsController(topic: string): Type<unknown> {
  @Controller()
  class ProfileInputsController {
    constructor(@Inject(EvaluationEngine) private readonly engine: EvaluationEngine) {}

    @BatchEventPattern(topic)
    async handle(@Payload() messages: ConsumedMessage[]): Promise<void> {
      await this.engine.handleProfileInputs(messages);
    }
  }
  return ProfileInputsController;
}

export function snapshotRequestsController(topic: string): Type<unknown> {
  @Controller()
  class SnapshotRequestsController {
    constructor(@Inject(EvaluationEngine) private readonly engine: EvaluationEngine) {}

    @BatchEventPattern(topic)
    async handle(@Payload() messages: ConsumedMessage[]): Promise<void> {
      await this.engine.handleSnapshotRequests(messages);
    }
  }
  return SnapshotRequestsController;
}
