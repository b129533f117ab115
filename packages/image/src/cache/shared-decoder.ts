/**
 * A layer decoded once is reused by every image of a set in one run (`strata df`, `strata diff`,
 * the web app's "analyze all"): decodes keyed by blob digest, the in-flight promise shared, a
 * failure forgotten so that a retry reads again. `reads` counts the layers really decoded.
 */
import type { LayerIndex } from '@strata/analysis';
import type { LayerDecoder } from '../layer/worker-decoder.js';

export interface SharedDecoder {
  decode: LayerDecoder;
  /** Distinct layers decoded so far. */
  readonly reads: number;
  /** Layers asked for, shared ones counted each time. */
  readonly requests: number;
}

export function sharedDecoder(inner: LayerDecoder): SharedDecoder {
  const decoded = new Map<string, Promise<LayerIndex>>();
  const stats = { reads: 0, requests: 0 };
  const decode: LayerDecoder = async (layer, options) => {
    stats.requests++;
    let pending = decoded.get(layer.digest);
    if (!pending) {
      stats.reads++;
      pending = inner(layer, options);
      decoded.set(layer.digest, pending);
      pending.catch(() => decoded.delete(layer.digest));
    } else options.onBytes?.(layer.size);
    // What was measured (its diff_id is checked against each image's claim by the caller), as
    // a copy: the caller sets this image's media type on it.
    return { ...(await pending) };
  };
  return {
    decode,
    get reads() {
      return stats.reads;
    },
    get requests() {
      return stats.requests;
    },
  };
}
