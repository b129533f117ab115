/**
 * The final merged file system as one compact document, stored beside an analysis so that two
 * stored analyses can be compared later (the server's `/api/compare`) without the layers.
 * Columns keyed by position; link targets sparse. Decoding is the only reader.
 */
import type { Analysis } from '../analyze.js';
import { TYPES } from '../layer-index/entry-types.js';
import { finalFiles, type FinalFile } from './final-files.js';

export interface FinalFilesDoc {
  v: 1;
  paths: string[];
  type: number[];
  size: number[];
  mode: number[];
  uid: number[];
  gid: number[];
  hash: string[];
  link: Record<number, string>;
}

export function encodeFinalFiles(analysis: Pick<Analysis, 'stack'>): FinalFilesDoc {
  const doc: FinalFilesDoc = {
    v: 1,
    paths: [],
    type: [],
    size: [],
    mode: [],
    uid: [],
    gid: [],
    hash: [],
    link: {},
  };
  for (const { path, info } of finalFiles(analysis)) {
    if (info.linkTarget) doc.link[doc.paths.length] = info.linkTarget;
    doc.paths.push(path);
    doc.type.push(TYPES.indexOf(info.type));
    doc.size.push(info.size);
    doc.mode.push(info.mode);
    doc.uid.push(info.uid);
    doc.gid.push(info.gid);
    doc.hash.push(info.contentHash);
  }
  return doc;
}

export function* decodeFinalFiles(doc: FinalFilesDoc): Iterable<FinalFile> {
  for (let i = 0; i < doc.paths.length; i++) {
    yield {
      path: doc.paths[i] as string,
      info: {
        type: TYPES[doc.type[i] as number] ?? 'other',
        size: doc.size[i] ?? 0,
        mode: doc.mode[i] ?? 0,
        uid: doc.uid[i] ?? 0,
        gid: doc.gid[i] ?? 0,
        linkTarget: doc.link[i] ?? '',
        contentHash: doc.hash[i] ?? '',
      },
    };
  }
}
