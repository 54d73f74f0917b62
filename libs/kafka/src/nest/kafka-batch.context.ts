import { BaseRpcContext } from '@nestjs/microservices';
import type { BatchContext, ConsumedMessage } from '../bus/message-bus';

export class KafkaBatchContext extends BaseRpcContext<[ConsumedMessage[], BatchContext]> {
  getMessages(): ConsumedMessage[] {
    return this.args[0];
  }

  getBatchContext(): BatchContext {
    return this.args[1];
  }
}
