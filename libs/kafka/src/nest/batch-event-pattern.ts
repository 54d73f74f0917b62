import { EventPattern } from '@nestjs/microservices';

/**
 * Declares a handler for a whole partition batch of `topic` (an array of ConsumedMessage).
 * Plain `@EventPattern(topic)` handlers receive one ConsumedMessage at a time, in order.
 */
export const BatchEventPattern = (topic: string): MethodDecorator => EventPattern(topic, { batch: true });
