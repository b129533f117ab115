/**
 * Pass an upload's bytes on to the file and also to `side` (the early layer decoder), waiting
 * for `side` when it is full, so the upload goes at the pace of whichever is slower. A side that
 * is destroyed or fails stops being fed: it never drains, and the upload must not wait on it.
 */
import { Transform, type Writable } from 'node:stream';

export function teeTo(side: Writable): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (side.destroyed || side.writableEnded || side.write(chunk)) return cb(null, chunk);
      let done = false;
      const go = (): void => {
        if (done) return;
        done = true;
        side.off('drain', go).off('close', go).off('error', go);
        cb(null, chunk);
      };
      side.on('drain', go).on('close', go).on('error', go);
    },
    flush(cb) {
      if (side.destroyed || side.writableEnded) return cb();
      side.end(cb);
    },
    destroy(err, cb) {
      side.destroy();
      cb(err);
    },
  });
}
