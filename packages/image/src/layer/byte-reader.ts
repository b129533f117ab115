/** Pull bytes from an async iterable of chunks in exact amounts, buffering only what is asked for. */
export class ByteReader {
  private readonly iterator: AsyncIterator<Buffer>;
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Buffer at least `n` bytes; false when the input ends first. */
  async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.done) {
      const next = await this.iterator.next();
      if (next.done) this.done = true;
      else if (next.value.length > 0) {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
    return this.buffered >= n;
  }

  /** True when no byte is left (after trying to read one). */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  /** The next `n` bytes (call fill(n) first). */
  take(n: number): Buffer {
    const all = this.chunks.length === 1 ? (this.chunks[0] as Buffer) : Buffer.concat(this.chunks);
    this.chunks = all.length > n ? [all.subarray(n)] : [];
    this.buffered -= n;
    return all.subarray(0, n);
  }

  /** Drop `n` bytes without holding them; false when the input ends first. */
  async skip(n: number): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (!(await this.fill(1))) return false;
      const step = Math.min(left, this.buffered);
      this.take(step);
      left -= step;
    }
    return true;
  }
}
