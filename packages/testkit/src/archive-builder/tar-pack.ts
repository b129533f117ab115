import { pipeline } from 'node:stream/promises';
import { pack as createPack, type Header, type Pack } from 'tar-stream';

/** What tar-stream accepts for an entry: any header fields, a name at least. */
export type EntryHeader = Partial<Header> & Pick<Header, 'name'>;
type Sink = ReturnType<Pack['entry']>;

/** An entry body: bytes in memory, or chunks streamed one by one (big files). */
export type Body = Buffer | Iterable<Buffer> | AsyncIterable<Buffer>;

/**
 * File-type bits OR-ed into every mode. tar-stream replaces a falsy mode by its default (so mode 0,
 * which skopeo writes on symlinks, could not be expressed) but masks to 0o7777 when encoding, so
 * these bits keep the mode truthy without ever reaching the header.
 */
const TYPE_BITS = 0o100000;

async function pump(body: Iterable<Buffer> | AsyncIterable<Buffer>, sink: Sink): Promise<void> {
  for await (const chunk of body) {
    if (!sink.write(chunk)) await new Promise<void>((resolve) => sink.once('drain', () => resolve()));
  }
  sink.end(undefined); // streamx's end() takes an optional last chunk; none here
}

/** Adds one entry and resolves once tar-stream has taken all of it. `header.size` must be set for streamed bodies. */
export function packEntry(pack: Pack, header: EntryHeader, body?: Body): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (err?: Error | null): void => (err ? reject(err) : resolve());
    const h: EntryHeader = { ...header, mode: (header.mode ?? 0o644) | TYPE_BITS };
    if (body === undefined && h.type !== undefined && h.type !== 'file') {
      pack.entry(h, done);
    } else if (body === undefined) {
      // A file entry without a body would wait forever for its data: give it an empty one.
      pack.entry(h, Buffer.alloc(0), done);
    } else if (Buffer.isBuffer(body)) {
      pack.entry(h, body, done);
    } else {
      const sink = pack.entry(h, done);
      pump(body, sink).catch((err: Error) => {
        sink.destroy(err);
        reject(err);
      });
    }
  });
}

/**
 * Runs `fill` against a fresh tar pack whose bytes flow through `stages` (hashers, compressors,
 * the file) at the same time; the pack must be drained while entries are added, or backpressure
 * would stall the first big entry.
 */
export async function writeTar(
  stages: [...NodeJS.ReadWriteStream[], NodeJS.WritableStream],
  fill: (pack: Pack) => Promise<void>,
): Promise<void> {
  const pack = createPack();
  // Handing node's pipeline an async generator avoids relying on streamx <-> node stream interop.
  const source = async function* (): AsyncGenerator<Buffer> {
    for await (const chunk of pack as AsyncIterable<Buffer>) yield chunk;
  };
  const piped = pipeline(source, ...(stages as [NodeJS.WritableStream]));
  try {
    await fill(pack);
    pack.finalize();
  } catch (err) {
    pack.destroy(err as Error);
    await piped.catch(() => undefined);
    throw err;
  }
  await piped;
}
