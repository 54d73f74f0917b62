import type { Message } from 'rhea';

/** The outcome of a `$cbs` or `$management` request, before it becomes a reply message. */
export interface NodeReply {
  statusCode: number;
  description: string;
  /** AMQP error condition for failures, so the SDK maps the reply to the error Azure would cause. */
  condition?: string;
  body?: unknown;
}

export function replyMessage(request: Message, reply: NodeReply): Message {
  const applicationProperties: Record<string, unknown> = {
    'status-code': reply.statusCode,
    'status-description': reply.description,
  };
  if (reply.condition) applicationProperties['error-condition'] = reply.condition;
  const message: Message = {
    correlation_id: request.message_id,
    application_properties: applicationProperties,
    body: reply.body ?? null,
  } as Message;
  if (request.reply_to !== undefined) message.to = request.reply_to;
  return message;
}

export const unauthorized = (description: string): NodeReply => ({
  statusCode: 401,
  description,
  condition: 'amqp:unauthorized-access',
});
