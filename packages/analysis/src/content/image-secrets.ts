/**
 * Secrets found by content, placed in the image: the layer that stores the file, and the later
 * layer that deletes or overwrites it (the bytes stay in the earlier layer for anyone who pulls).
 */
import { collectOccurrences, type Occurrence } from '../advice/occurrences.js';
import type { ImageStack } from '../stack.js';
import type { ContentFinding, SecretFinding } from './types.js';

export interface ImageSecret extends SecretFinding {
  layer: number;
  /** The later layer that deleted or overwrote the file; absent while the final image shows it. */
  endedBy?: { layer: number; how: 'removed' | 'overwritten' };
}

export function imageSecrets(findings: readonly ContentFinding[][], stack: ImageStack): ImageSecret[] {
  return secretsAt(findings, collectOccurrences(stack));
}

/** Joins each layer's secret findings to the occurrence of their file in that layer. */
export function secretsAt(findings: readonly ContentFinding[][], occurrences: Occurrence[][]): ImageSecret[] {
  const out: ImageSecret[] = [];
  findings.forEach((layerFindings, layer) => {
    const byPath = new Map((occurrences[layer] ?? []).map((o) => [o.path, o]));
    for (const f of layerFindings) {
      if (f.kind !== 'secret') continue;
      const end = byPath.get(f.path)?.end;
      out.push({ ...f, layer, ...(end ? { endedBy: { layer: end.layer, how: end.how } } : {}) });
    }
  });
  return out;
}
