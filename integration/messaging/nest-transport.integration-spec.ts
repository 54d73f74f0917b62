import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { BatchEventPattern, KafkaBatchContext, KafkaBatchTransport, type ConsumedMessage } from '@activation/kafka';
import { createTestBus, uniqueGroup, uniqueTopic, waitFor } from '@activation/testing';

const batchTopic = uniqueTopic('nest-batch');
const singleTopic = uniqueTopic('nest-single');
const received: { batches: string[][]; singles: string[] } = { batches: [], singles: [] };

@Controller()
class ProbeHandlers {
  @BatchEventPattern(batchTopic)
  onBatch(@Payload() messages: ConsumedMessage[], @Ctx() context: KafkaBatchContext) {
    expect(context.getMessages()).toBe(messages);
    received.batches.push(messages.map((m) => m.value!.toString()));
  }

  @EventPattern(singleTopic)
  async onMessage(@Payload() message: ConsumedMessage) {
    received.singles.push(message.value!.toString());
  }
}

@Module({ controllers: [ProbeHandlers] })
class ProbeModule {}

describe('KafkaBatchTransport', () => {
  it('routes topics to @BatchEventPattern and @EventPattern handlers, creating the topics', async () => {
    const consumerBus = createTestBus('nest-transport');
    const app = await NestFactory.createMicroservice(ProbeModule, {
      strategy: new KafkaBatchTransport(consumerBus, { groupId: uniqueGroup('nest'), service: 'probe', partitions: 2 }),
      logger: false,
    });
    await app.listen();

    const producer = createTestBus('nest-transport-producer');
    await producer.publish(batchTopic, ['a', 'b', 'c'].map((value) => ({ key: 'k', value })));
    await producer.publish(singleTopic, ['x', 'y'].map((value) => ({ key: 'k', value })));

    await waitFor(async () => received.batches.flat().length === 3 && received.singles.length === 2, 30_000, 'handlers');
    expect(received.batches.flat()).toEqual(['a', 'b', 'c']);
    expect(received.singles).toEqual(['x', 'y']);
    await app.close();
    await Promise.all([producer.close(), consumerBus.close()]);
  });
});
