import type { Message, Sender } from 'rhea';

const pending = new WeakMap<Sender, Message[]>();

/** Sends a reply as soon as the peer has given credit for it (replies must not overrun link credit). */
export function sendWhenCredit(sender: Sender, message: Message): void {
  let queue = pending.get(sender);
  if (!queue) {
    const created: Message[] = [];
    queue = created;
    pending.set(sender, created);
    sender.on('sendable', () => flush(sender, created));
  }
  queue.push(message);
  flush(sender, queue);
}

function flush(sender: Sender, queue: Message[]): void {
  while (queue.length > 0 && sender.sendable()) sender.send(queue.shift() as Message);
}
