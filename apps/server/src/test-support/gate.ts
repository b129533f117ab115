/**
 * A layer decoder held shut until the test opens it: makes "one job is still analyzing" a
 * state the test controls instead of a race. It honours the job's abort signal like the real
 * decoders do (cancel while held works).
 */
import { decodeLayer, type BlobDecoder } from '@strata/image';

export interface Gate {
  decoder: BlobDecoder;
  open(): void;
  /** Resolves once a decode is waiting at the gate. */
  reached: Promise<void>;
}

export function gatedDecoder(): Gate {
  let open!: () => void;
  let reached!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  const reachedP = new Promise<void>((resolve) => (reached = resolve));
  const decoder: BlobDecoder = async (layer, options) => {
    reached();
    await new Promise<void>((resolve, reject) => {
      void opened.then(resolve);
      options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
    });
    return decodeLayer(layer, options);
  };
  return { decoder, open, reached: reachedP };
}
