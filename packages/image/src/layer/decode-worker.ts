/**
 * Worker entry (bundled as decode-worker.mjs beside the CLI and the server): decodes one layer
 * at a time from chunks the main thread forwards (see worker-protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import { packLayerIndex } from '@strata/analysis';
import { StrataError } from '../errors.js';
import { decodeStream } from './decode-layer.js';
import type { FromWorker, ToWorker } from './worker-protocol.js';

const port = parentPort;
if (!port) throw new Error('decode-worker must run in a worker thread');
const send = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** An async iterable fed by messages; each chunk taken is acknowledged (one credit back). */
class ChunkQueue implements AsyncIterable<Buffer> {
  private readonly items: Array<Buffer | null | Error> = [];
  private wake: (() => void) | undefined;

  push(item: Buffer | null | Error): void {
    this.items.push(item);
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer> {
    for (;;) {
      while (this.items.length === 0) await new Promise<void>((resolve) => (this.wake = resolve));
      const item = this.items.shift() as Buffer | null | Error;
      if (item === null) return;
      if (item instanceof Error) throw item;
      send({ type: 'ack' });
      yield item;
    }
  }
}

let queue: ChunkQueue | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'start') {
    const current = new ChunkQueue();
    queue = current;
    decodeStream(current, message.mediaType, message.limits ? { limits: message.limits } : {}).then(
      (index) => {
        const packed = packLayerIndex(index);
        const { seekIndex } = index;
        const transfer = [packed.buffer, ...(seekIndex ? [seekIndex.buffer] : [])] as ArrayBuffer[];
        send({ type: 'done', index: packed, ...(seekIndex ? { seekIndex } : {}) }, transfer);
      },
      (err: unknown) => {
        const code = err instanceof StrataError ? err.code : 'CORRUPT';
        send({ type: 'error', code, message: err instanceof Error ? err.message : String(err) });
      },
    );
  } else if (message.type === 'chunk') {
    queue?.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
  } else if (message.type === 'end') {
    queue?.push(null);
  } else {
    queue?.push(new StrataError('CORRUPT', message.reason));
  }
});
