/**
 * `Expect: 100-continue` (curl sends it for big bodies): Node would answer 100 at once, and the
 * client would start sending gigabytes we are about to refuse. We hold the 100 back until the
 * route has checked the headers, so an oversized upload gets its 413 before any byte is sent.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

const waiting = new WeakSet<IncomingMessage>();

export function holdContinue(
  server: Server,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): void {
  server.on('checkContinue', (req: IncomingMessage, res: ServerResponse) => {
    waiting.add(req);
    handler(req, res);
  });
}

/** Call before reading a body: lets a client that waits for 100 Continue send it. */
export function sendContinue(req: IncomingMessage, res: ServerResponse): void {
  if (!waiting.delete(req)) return;
  res.writeContinue();
}
