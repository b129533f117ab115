/** A raw request body (`curl --data-binary @img.tar`) streamed to a file, never held in memory. */
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { byteCounter } from './byte-counter.js';
import { teeTo } from './tee.js';

export interface ReceiveOptions {
  limit: number;
  onBytes: (total: number) => void;
  signal: AbortSignal;
  /** Also stream the bytes here (decoding layers as they arrive). */
  tee?: Writable;
}

export async function receiveRaw(req: IncomingMessage, path: string, options: ReceiveOptions): Promise<void> {
  const counter = byteCounter(options.limit, options.onBytes);
  const file = createWriteStream(path, { flags: 'wx' });
  if (options.tee) await pipeline(req, counter, teeTo(options.tee), file, { signal: options.signal });
  else await pipeline(req, counter, file, { signal: options.signal });
}
