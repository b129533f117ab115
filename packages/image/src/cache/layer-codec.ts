/**
 * A decoded layer as a compact columnar document (one array per field, no per-entry objects), so
 * an index of tens of thousands of entries stays small on disk and quick to parse.
 */
import { TYPES, type LayerEntry, type LayerInput } from '@strata/analysis';

export interface LayerDocument {
  v: 1;
  digest: string;
  diffId: string;
  compressedSize: number;
  mediaType: string;
  path: string[];
  type: number[];
  size: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  /** Sparse: index -> target. */
  link: Record<number, string>;
  hash: string[];
}

export function encodeLayer(layer: LayerInput): LayerDocument {
  const doc: LayerDocument = {
    v: 1,
    digest: layer.digest,
    diffId: layer.diffId,
    compressedSize: layer.compressedSize,
    mediaType: layer.mediaType,
    path: [],
    type: [],
    size: [],
    mode: [],
    uid: [],
    gid: [],
    link: {},
    hash: [],
  };
  layer.entries.forEach((e, i) => {
    doc.path.push(e.path);
    doc.type.push(TYPES.indexOf(e.type));
    doc.size.push(e.size);
    doc.mode.push(e.mode);
    doc.uid.push(e.uid);
    doc.gid.push(e.gid);
    doc.hash.push(e.contentHash);
    if (e.linkTarget) doc.link[i] = e.linkTarget;
  });
  return doc;
}

export function decodeLayerDocument(doc: LayerDocument): LayerInput {
  const entries: LayerEntry[] = doc.path.map((path, i) => ({
    path,
    type: TYPES[doc.type[i] as number] ?? 'other',
    size: doc.size[i] as number,
    mode: doc.mode[i] as number,
    uid: doc.uid[i] as number,
    gid: doc.gid[i] as number,
    linkTarget: doc.link[i] ?? '',
    contentHash: doc.hash[i] as string,
  }));
  const { digest, diffId, compressedSize, mediaType } = doc;
  return { digest, diffId, compressedSize, mediaType, entries };
}
