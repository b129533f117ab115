/**
 * Analyses in worker threads, at most `size` at once (the job queue already bounds how many
 * run). A task whose job is cancelled terminates its worker: the work stops at once, and the
 * next task gets a fresh worker.
 */
import { Worker } from 'node:worker_threads';
import { StrataError } from '@strata/image';
import type { FromAnalysisWorker, ToAnalysisWorker } from './analysis-protocol.js';
import type { Analyzer } from './analysis-task.js';

export interface AnalysisPool {
  analyze: Analyzer;
  close(): Promise<void>;
}

export function createAnalysisPool(script: URL): AnalysisPool {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const take = (): Worker => {
    const worker = idle.pop() ?? new Worker(script);
    worker.unref();
    all.add(worker);
    return worker;
  };
  const discard = (worker: Worker): void => {
    all.delete(worker);
    void worker.terminate();
  };
  return {
    analyze: async (input, source, signal) => {
      signal?.throwIfAborted();
      const worker = take();
      const message: ToAnalysisWorker = { input, source };
      try {
        const output = await run(worker, message, signal);
        idle.push(worker);
        return output;
      } catch (err) {
        discard(worker);
        throw err;
      }
    },
    close: async () => {
      await Promise.all([...all].map((w) => w.terminate()));
      all.clear();
    },
  };
}

function run(worker: Worker, message: ToAnalysisWorker, signal?: AbortSignal) {
  return new Promise<FromAnalysisWorker & { ok: true }>((resolve, reject) => {
    const onAbort = (): void => {
      cleanup();
      reject(signal?.reason);
    };
    const onMessage = (reply: FromAnalysisWorker): void => {
      cleanup();
      if (reply.ok) resolve(reply);
      else reject(new StrataError('INTERNAL', `analysis failed: ${reply.message}`));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(new StrataError('INTERNAL', `analysis worker failed: ${err.message}`));
    };
    const cleanup = (): void => {
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', onMessage);
    worker.once('error', onError);
    // The layers go over and come back with the output (transferred: the job keeps no copy meanwhile).
    worker.postMessage(
      message,
      message.input.layers.map((b) => b.buffer as ArrayBuffer),
    );
  }).then((reply) => reply.output);
}
