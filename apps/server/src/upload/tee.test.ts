import { PassThrough, Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { describe, expect, it } from 'vitest';
import { teeTo } from './tee.js';

const chunks = (n: number): Buffer[] => Array.from({ length: n }, (_, i) => Buffer.alloc(64 * 1024, i));

describe('teeTo', () => {
  it('gives the side and the file the same bytes', async () => {
    const side: Buffer[] = [];
    const file: Buffer[] = [];
    const sideSink = new Writable({ write: (c: Buffer, _e, cb) => (side.push(c), cb()) });
    const fileSink = new Writable({ write: (c: Buffer, _e, cb) => (file.push(c), cb()) });
    await pipeline(Readable.from(chunks(40)), teeTo(sideSink), fileSink);
    expect(Buffer.concat(side)).toEqual(Buffer.concat(chunks(40)));
    expect(Buffer.concat(file)).toEqual(Buffer.concat(chunks(40)));
  });

  it('a side destroyed while full no longer holds the upload back', async () => {
    // A side that never reads: it fills, then goes away; the file must still get every byte.
    const side = new PassThrough({ highWaterMark: 64 * 1024 });
    side.on('error', () => {});
    const file: Buffer[] = [];
    const fileSink = new Writable({ write: (c: Buffer, _e, cb) => (file.push(c), cb()) });
    setTimeout(() => side.destroy(), 20);
    await pipeline(Readable.from(chunks(40)), teeTo(side), fileSink);
    expect(Buffer.concat(file)).toEqual(Buffer.concat(chunks(40)));
  });
});
