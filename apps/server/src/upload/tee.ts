/**
 * Pass an upload's bytes on to the file and also to `side` (the early layer decoder), waiting
 * for `side` when it is full, so the upload goes at the pace of whichever is slower.
 */
import { Transform, type Writable } from 'node:stream';

export function teeTo(side: Writable): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (side.write(chunk)) cb(null, chunk);
      else side.once('drain', () => cb(null, chunk));
    },
    flush(cb) {
      side.end(cb);
    },
    destroy(err, cb) {
      side.destroy();
      cb(err);
    },
  });
}
