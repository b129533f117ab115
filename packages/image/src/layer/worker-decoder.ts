/**
 * Decode layers in a pool of worker threads (one layer per worker at a time). The main thread
 * streams each blob's bytes to its worker with credit-based flow control, so memory stays
 * bounded however large the layer.
 */
import { Worker } from 'node:worker_threads';
import { unpackLayerIndex, type LayerIndex } from '@strata/analysis';
import { StrataError } from '../errors.js';
import type { Layer } from '../image.js';
import { layerError, type BlobDecoder, type BlobSource, type DecodeOptions } from './decode-layer.js';
import { CREDITS, type FromWorker, type ToWorker } from './worker-protocol.js';

/** Decodes a layer into its index with the digests measured (verifyLayer compares them). */
export type LayerDecoder = (layer: Layer, options: DecodeOptions) => Promise<LayerIndex>;

export interface WorkerPool {
  decode: BlobDecoder;
  close(): Promise<void>;
}

/** `size` workers at most; a layer beyond that waits for one to be free (shared by all jobs). */
export function createWorkerPool(script: URL, size: number): WorkerPool {
  const idle: Worker[] = [];
  const all: Worker[] = [];
  const waiting: Array<() => void> = [];
  let busy = 0;
  const acquire = async (): Promise<Worker> => {
    while (busy >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    busy++;
    const reused = idle.pop();
    if (reused) return reused;
    const worker = new Worker(script);
    worker.unref();
    all.push(worker);
    return worker;
  };
  const release = (): void => {
    busy--;
    waiting.shift()?.();
  };
  return {
    decode: async (layer, options) => {
      const worker = await acquire();
      try {
        const result = await runJob(worker, layer, options);
        idle.push(worker);
        return result;
      } catch (err) {
        // A failed job may leave the worker mid-stream: replace it rather than reuse it.
        all.splice(all.indexOf(worker), 1);
        void worker.terminate();
        throw layerError(layer, err);
      } finally {
        release();
      }
    },
    close: async () => {
      await Promise.all(all.map((w) => w.terminate()));
    },
  };
}

async function runJob(worker: Worker, layer: BlobSource, options: DecodeOptions): Promise<LayerIndex> {
  const job = new Job(worker);
  const post = (m: ToWorker): void => worker.postMessage(m);
  post({
    type: 'start',
    mediaType: layer.mediaType,
    limits: options.limits,
  });
  try {
    let sent = 0;
    for await (const chunk of await layer.open()) {
      if (job.failed) break;
      await job.credit();
      post({ type: 'chunk', data: chunk as Buffer });
      sent += (chunk as Buffer).length;
      options.onBytes?.(sent);
      if (options.signal?.aborted) throw new StrataError('INTERNAL', 'cancelled');
    }
    post({ type: 'end' });
  } catch (err) {
    post({ type: 'abort', reason: err instanceof Error ? err.message : String(err) });
    throw err;
  }
  return job.result;
}

/** One layer's exchange with its worker. */
class Job {
  readonly result: Promise<LayerIndex>;
  failed = false;
  private inFlight = 0;
  private waiter: (() => void) | undefined;

  constructor(worker: Worker) {
    this.result = new Promise((resolve, reject) => {
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'ack') return this.returnCredit();
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.failed = true;
        this.returnCredit();
        if (m.type === 'done') resolve(unpackLayerIndex(m.index));
        else reject(new StrataError(m.code, m.message));
      };
      const onError = (err: Error): void => {
        this.failed = true;
        this.returnCredit();
        reject(err);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
    });
    this.result.catch(() => {});
  }

  async credit(): Promise<void> {
    while (this.inFlight >= CREDITS && !this.failed)
      await new Promise<void>((resolve) => (this.waiter = resolve));
    this.inFlight++;
  }

  private returnCredit(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    const wake = this.waiter;
    this.waiter = undefined;
    wake?.();
  }
}
