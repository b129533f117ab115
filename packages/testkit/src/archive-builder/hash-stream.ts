import { createHash } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

/** Pass-through that hashes and counts what flows by, so one pass gives both the bytes and their digest. */
export class HashStream extends Transform {
  private readonly hash = createHash('sha256');
  size = 0;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.hash.update(chunk);
    this.size += chunk.length;
    callback(null, chunk);
  }

  /** `sha256:<hex>`; call once, after the stream has finished. */
  digest(): string {
    return `sha256:${this.hash.digest('hex')}`;
  }
}
