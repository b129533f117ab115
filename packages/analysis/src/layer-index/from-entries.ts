/**
 * A layer index from entry objects: how tests (and small synthetic inputs) describe a layer.
 * The decoder never goes through objects; it feeds LayerIndexBuilder as it parses.
 */
import type { LayerEntry } from '../types.js';
import { LayerIndexBuilder } from './index-builder.js';
import type { LayerIdentity, LayerIndex } from './layer-index.js';

export function indexFromEntries(entries: Iterable<LayerEntry>, identity: LayerIdentity): LayerIndex {
  const builder = new LayerIndexBuilder();
  let offset = 512;
  for (const entry of entries) {
    const e = builder.add({ ...entry, name: entry.path, linkname: entry.linkTarget, offset });
    offset += 512 + Math.ceil(entry.size / 512) * 512;
    if (e >= 0 && entry.type === 'file') builder.setHash(e, ...hashWords(entry.contentHash));
  }
  return builder.finish(identity, 'none');
}

/** Two 32-bit FNV-1a words of a string: equal strings, equal words. */
function hashWords(text: string): [number, number] {
  let a = 0x811c9dc5;
  let b = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x01000193) >>> 0;
  }
  return [a, b];
}
