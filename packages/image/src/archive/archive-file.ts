/**
 * An image archive on disk, indexed. A compressed archive (`docker save | gzip`) is first
 * decompressed to a temp file, streaming and bounded (inflate-guard.ts), because blobs are later
 * read by range; the temp file goes away with close().
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { StrataError, wrapError } from '../errors.js';
import { decompressor, sniffCompression } from '../layer/compression.js';
import { DEFAULT_INFLATE_LIMITS, inflateGuard, type InflateLimits } from './inflate-guard.js';
import { TarIndex } from './tar-index.js';

export interface ArchiveFile {
  index: TarIndex;
  /** Remove temp files. */
  close(): Promise<void>;
}

export interface ArchiveFileOptions {
  /** Where a compressed archive is inflated (default the OS temp dir). */
  tmpDir?: string;
  limits?: Partial<InflateLimits>;
  signal?: AbortSignal;
}

export async function openArchiveFile(path: string, options: ArchiveFileOptions = {}): Promise<ArchiveFile> {
  const head = await readHead(path);
  const compression = sniffCompression(head);
  if (compression === 'none') return { index: await indexFile(path, options.signal), close: async () => {} };
  const dir = await mkdtemp(join(options.tmpDir ?? tmpdir(), 'strata-archive-'));
  const close = (): Promise<void> => rm(dir, { recursive: true, force: true });
  try {
    const tarPath = join(dir, 'archive.tar');
    const guard = inflateGuard({ ...DEFAULT_INFLATE_LIMITS, ...options.limits });
    await pipeline(
      createReadStream(path),
      guard.input,
      decompressor(compression),
      guard.output,
      createWriteStream(tarPath),
      options.signal ? { signal: options.signal } : {},
    ).catch((err: unknown) => {
      if (options.signal?.aborted) throw options.signal.reason;
      throw wrapError(`decompressing the ${compression} archive`, describeInflateError(err, compression));
    });
    return { index: await indexFile(tarPath, options.signal), close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** zlib's errors carry a `Z_…` code: say which stream is corrupt, not zlib's words alone. */
function describeInflateError(err: unknown, compression: string): unknown {
  if (err instanceof StrataError || !(err instanceof Error)) return err;
  return new StrataError('CORRUPT', `corrupt ${compression} stream: ${err.message}`, { cause: err });
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

async function indexFile(path: string, signal?: AbortSignal): Promise<TarIndex> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    return await TarIndex.build(path, handle, size, signal);
  } finally {
    await handle.close();
  }
}
