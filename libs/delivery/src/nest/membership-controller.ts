import { Controller, Inject, type Type } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { BatchEventPattern, type ConsumedMessage } from '@activation/kafka';
import type { DeliveryEngine } from '../engine/delivery-engine';
import { DELIVERY_ENGINE } from './tokens';

/** The membership consumer, built for the configured topic (a decorator argument is fixed at definition). */
export function membershipController(topic: string): Type<unknown> {
  @Controller()
  class MembershipController {
    constructor(@Inject(DELIVERY_ENGINE) private readonly engine: DeliveryEngine) {}

    @BatchEventPattern(topic)
    async handle(@Payload() messages: ConsumedMessage[]): Promise<void> {
      await this.engine.handleMembershipBatch(messages);
    }
  }
  return MembershipController;
}
