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

export interface PoolOptions {
  /** Start every worker now (a CLI run knows it will need them; the server starts them on demand). */
  warm?: boolean;
}

/**
 * An idle worker ends after this long: a decoded million-entry layer's heap must not stay with an
 * idle thread while the analysis runs (the server's analysis starts right after the last layer),
 * but the next layer of the same image (asked for a moment after the last one ends) should not
 * pay for a new thread.
 */
const IDLE_MS = 250;
/** How long warm workers wait for the first layer (opening a source: an archive's index, a registry's manifest). */
const WARM_MS = 30_000;

/** `size` workers at most; a layer beyond that waits for one to be free (shared by all jobs). */
export function createWorkerPool(script: URL, size: number, options: PoolOptions = {}): WorkerPool {
  /** Idle workers and the timer that ends each. */
  const idle = new Map<Worker, ReturnType<typeof setTimeout>>();
  const all: Worker[] = [];
  const waiting: Array<() => void> = [];
  let busy = 0;
  const spawn = (): Worker => {
    const worker = new Worker(script);
    worker.unref();
    all.push(worker);
    return worker;
  };
  /** Wait for a free worker; a cancel while waiting gives up at once (other jobs' layers may be long). */
  const acquire = async (signal?: AbortSignal): Promise<Worker> => {
    while (busy >= size) await untilWoken(waiting, signal);
    signal?.throwIfAborted();
    busy++;
    const next = idle.entries().next();
    if (next.done) return spawn();
    const [reused, timer] = next.value;
    clearTimeout(timer);
    idle.delete(reused);
    return reused;
  };
  const retire = (worker: Worker): void => {
    all.splice(all.indexOf(worker), 1);
    void worker.terminate();
  };
  const park = (worker: Worker, ms: number): void => {
    const timer = setTimeout(() => idle.delete(worker) && retire(worker), ms);
    timer.unref();
    idle.set(worker, timer);
  };
  const release = (): void => {
    busy--;
    waiting.shift()?.();
  };
  if (options.warm) for (let i = 0; i < size; i++) park(spawn(), WARM_MS);
  return {
    decode: async (layer, options) => {
      const worker = await acquire(options.signal);
      try {
        const result = await runJob(worker, layer, options);
        park(worker, IDLE_MS);
        return result;
      } catch (err) {
        // A failed job may leave the worker mid-stream: replace it rather than reuse it.
        retire(worker);
        throw layerError(layer, err);
      } finally {
        release();
      }
    },
    close: async () => {
      for (const timer of idle.values()) clearTimeout(timer);
      idle.clear();
      await Promise.all(all.splice(0).map((w) => w.terminate()));
    },
  };
}

async function runJob(worker: Worker, layer: BlobSource, options: DecodeOptions): Promise<LayerIndex> {
  const job = new Job(worker);
  const post = (m: ToWorker): void => worker.postMessage(m);
  // A cancel ends the exchange at once, even while waiting for a credit; the pool then replaces the worker.
  const onAbort = (): void => job.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onAbort, { once: true });
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
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
  }
  return job.result;
}

function withSeekIndex(index: LayerIndex, seekIndex: Uint8Array | undefined): LayerIndex {
  if (seekIndex) index.seekIndex = seekIndex;
  return index;
}

/** Resolve when woken through `queue`, reject when `signal` aborts first. */
function untilWoken(queue: Array<() => void>, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const wake = (): void => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    };
    const onAbort = (): void => {
      const at = queue.indexOf(wake);
      if (at >= 0) queue.splice(at, 1);
      reject(signal?.reason);
    };
    if (signal?.aborted) return reject(signal.reason);
    signal?.addEventListener('abort', onAbort, { once: true });
    queue.push(wake);
  });
}

/** One layer's exchange with its worker. */
class Job {
  readonly result: Promise<LayerIndex>;
  failed = false;
  private inFlight = 0;
  private waiter: (() => void) | undefined;
  private fail: (reason: unknown) => void = () => {};

  constructor(worker: Worker) {
    this.result = new Promise((resolve, reject) => {
      this.fail = reject;
      const onMessage = (m: FromWorker): void => {
        if (m.type === 'ack') return this.returnCredit();
        worker.off('message', onMessage);
        worker.off('error', onError);
        this.failed = true;
        this.returnCredit();
        if (m.type === 'done') resolve(withSeekIndex(unpackLayerIndex(m.index), m.seekIndex));
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

  abort(reason: unknown): void {
    this.failed = true;
    this.returnCredit();
    this.fail(reason);
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
