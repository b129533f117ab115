/**
 * The content analyzers over one layer on their own (one more pass over the blob): for layers
 * decoded before the decode pass ran the analyzers, and for tests of the analyzers on real images.
 */
import { cleanPath, type ContentFinding, type EntryType } from '@strata/analysis';
import type { Layer } from '../image.js';
import type { TarType } from '../tar/tar-header.js';
import { TarParser } from '../tar/tar-parser.js';
import { ContentTap } from './content-tap.js';
import { openTar } from './read-file.js';

const TYPES: Partial<Record<TarType, EntryType>> = {
  file: 'file',
  dir: 'dir',
  symlink: 'symlink',
  hardlink: 'hardlink',
};

export async function scanLayerContent(layer: Layer, signal?: AbortSignal): Promise<ContentFinding[]> {
  const tap = new ContentTap();
  const parser = new TarParser({
    entry: (h) => tap.start(cleanPath(h.name), TYPES[h.type] ?? 'other', h.size),
    entryEnd: () => tap.end(),
  });
  const tar = await openTar(layer, signal);
  for await (const chunk of tar as AsyncIterable<Buffer>) {
    parser.write(chunk);
    if (parser.ended) break;
  }
  tar.destroy();
  return tap.findings;
}
