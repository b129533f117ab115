/**
 * An image archive on disk, indexed. A compressed archive (`docker save | gzip`) is first
 * decompressed to a temp file, streaming, because blobs are later read by range; the temp
 * file goes away with close().
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StrataError, wrapError } from '../errors.js';
import { decompressor, sniffCompression } from '../layer/compression.js';
import { TarIndex } from './tar-index.js';

export interface ArchiveFile {
  index: TarIndex;
  /** Remove temp files. */
  close(): Promise<void>;
}

export async function openArchiveFile(path: string, tmpDir = tmpdir()): Promise<ArchiveFile> {
  const head = await readHead(path);
  const compression = sniffCompression(head);
  if (compression === 'none') return { index: await indexFile(path), close: async () => {} };
  const dir = await mkdtemp(join(tmpDir, 'strata-archive-'));
  const close = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const tarPath = join(dir, 'archive.tar');
    await pipeline(createReadStream(path), decompressor(compression), createWriteStream(tarPath)).catch(
      (err: unknown) => {
        throw wrapError(`decompressing the ${compression} archive`, err);
      },
    );
    return { index: await indexFile(tarPath), close };
  } catch (err) {
    await close();
    throw err;
  }
}

async function readHead(path: string): Promise<Buffer> {
  const info = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') throw new StrataError('NOT_FOUND', `no such file: ${path}`);
    throw wrapError(path, err, 'NOT_FOUND');
  });
  if (info.isDirectory())
    throw new StrataError('NOT_AN_IMAGE', `${path} is a directory, not an image archive`);
  if (info.size === 0) throw new StrataError('NOT_AN_IMAGE', `${path} is empty`);
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(512, info.size));
    await handle.read(head, 0, head.length, 0);
    return head;
  } finally {
    await handle.close();
  }
}

async function indexFile(path: string): Promise<TarIndex> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await TarIndex.build(path, handle, size);
  } catch (err) {
    if (err instanceof StrataError && err.code === 'CORRUPT' && /checksum/.test(err.message)) {
      throw new StrataError('NOT_AN_IMAGE', 'not a tar archive (and not gzip or zstd compressed)');
    }
    throw err;
  } finally {
    await handle.close();
  }
}
