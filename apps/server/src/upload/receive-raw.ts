/** A raw request body (`curl --data-binary @img.tar`) streamed to a file, never held in memory. */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import { byteCounter } from './byte-counter.js';

export interface ReceiveOptions {
  limit: number;
  onBytes: (total: number) => void;
  signal: AbortSignal;
}

export async function receiveRaw(req: IncomingMessage, path: string, options: ReceiveOptions): Promise<void> {
  const counter = byteCounter(options.limit, options.onBytes);
  await pipeline(req, counter, createWriteStream(path, { flags: 'wx' }), { signal: options.signal });
}
