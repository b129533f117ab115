import { createWriteStream } from 'node:fs';
import { createGzip } from 'node:zlib';
import { EPOCH } from './image-config';
import { packEntries } from './tar-entries';
import { writeTar } from './tar-pack';
import type { EntrySpec } from './types';

export interface PlainTarOptions {
  /** Entry mtimes; default the epoch. */
  mtime?: Date;
  gzip?: boolean;
}

/** A plain tar (not an image) of the given entries, in order: input for "this is not an image" tests. */
export async function writePlainTar(
  entries: EntrySpec[],
  out: string,
  opts: PlainTarOptions = {},
): Promise<string> {
  const file = createWriteStream(out);
  const fill = (pack: Parameters<Parameters<typeof writeTar>[1]>[0]): Promise<void> =>
    packEntries(pack, entries, opts.mtime ?? EPOCH);
  if (opts.gzip) await writeTar([createGzip(), file], fill);
  else await writeTar([file], fill);
  return out;
}
