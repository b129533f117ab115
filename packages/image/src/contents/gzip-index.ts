/**
 * A seek index for gzip layers, as zlib's examples/zran.c builds one: while inflating, once a
 * span of output has gone by since the last checkpoint, stop at deflate block boundaries (Z_BLOCK)
 * and record a checkpoint there: the output offset, the input offset where the next block
 * starts, and the 32 KiB of output before it (the window a later inflate needs for
 * back-references, RFC 1951 §3.2.5). Reading a range then inflates from the checkpoint before
 * it: at most one span plus the range.
 *
 * The inflating is Node's native zlib (sync-gunzip.ts), as fast as the plain decode. zran also
 * records the bits of the byte before the block (a block need not start on a byte), which needs
 * inflatePrime; Node has none, so only byte-aligned boundaries are kept (about one in eight, and
 * every one after a stored block). Whether a boundary is aligned is not reported either: it is
 * tested by inflating a little raw deflate from that byte with the window as dictionary and
 * comparing with what the stream itself produces next. A wrong start cannot produce the same
 * bytes, so a kept checkpoint is one a raw inflate (gzip-range.ts) reads from exactly.
 */
import { constants, inflateRawSync } from 'node:zlib';
import { SyncGunzip } from './sync-gunzip.js';

export const WINDOW = 32 * 1024;
/** Output between checkpoints (at least; the next aligned boundary after it). */
export const DEFAULT_SPAN = 4 * 1024 * 1024;
/**
 * Checkpoints kept at most (32 MiB of windows): a layer past 4 GiB keeps every other one and
 * doubles its span, so memory stays bounded however large the layer (spans grow instead).
 */
export const MAX_CHECKPOINTS = 1024;

export interface GzipCheckpoint {
  /** Offset in the uncompressed output (the tar) where a deflate block starts. */
  out: number;
  /** Offset in the compressed blob of that block's first byte (blocks kept start on a byte). */
  in: number;
  /** The up to 32 KiB of output before `out`. */
  window: Uint8Array;
}

const OUT_CHUNK = 1024 * 1024;
const MIN_ROOM = 64 * 1024;
/**
 * Compressed bytes a trial inflate gets (more than any block header; runs of zeros inflate
 * about 1000-fold, so not much more), and the output it must make and then match.
 */
const TRIAL_IN = 1024;
const TRIAL_MIN_OUT = 256;
const TRIAL_MATCH = 16 * 1024;

interface Candidate extends GzipCheckpoint {
  /** What a raw inflate from `in` produced: the stream's next output must begin with it. */
  expected: Uint8Array;
  matched: number;
}

/**
 * How much to inflate from a boundary to tell whether a block starts on its byte, and how much of
 * that must then match the stream's own output; undefined when this chunk has too little left.
 * A stored block (BTYPE 00, RFC 1951 §3.2.3) needs more: one that really begins a few bits
 * earlier, in the byte before, skips to the same byte boundary and inflates to the same bytes,
 * except that its BFINAL bit is another. So the trial must go on past it: a block read as not
 * final whose stream ends there (the real one was final) inflates the gzip trailer after it as
 * deflate and fails, or differs from the next member's output.
 */
function trialPlan(next: Uint8Array): { input: number; minOut: number; match: number } | undefined {
  if (next.length < TRIAL_IN) return undefined;
  const head = next[0] as number;
  if (((head >> 1) & 3) !== 0) return { input: TRIAL_IN, minOut: TRIAL_MIN_OUT, match: TRIAL_MATCH };
  if ((head & 1) === 1) return undefined; // read as final: nothing after it to check against
  const length = (next[1] as number) | ((next[2] as number) << 8);
  const input = 5 + length + TRIAL_IN;
  if (next.length < input) return undefined;
  return { input, minOut: length + TRIAL_MIN_OUT, match: length + TRIAL_MIN_OUT };
}

/**
 * Feed compressed chunks with `write`, which yields the output a step (at most 1 MiB) at a time,
 * so a consumer applies backpressure and bounds; `finish` at the end gives the checkpoints.
 */
export class GzipIndexer {
  readonly checkpoints: GzipCheckpoint[] = [];
  private readonly gunzip = new SyncGunzip();
  /** Output goes into one buffer until it is nearly full: the slices handed on stay valid. */
  private out = new Uint8Array(OUT_CHUNK);
  private outAt = 0;
  /** The last output slices, covering at least a window. */
  private recent: Uint8Array[] = [];
  private recentBytes = 0;
  private total = 0;
  private consumed = 0;
  private last = 0;
  private candidate: Candidate | undefined;
  private ended = false;
  private closed = false;

  constructor(
    private span = DEFAULT_SPAN,
    private readonly maxCheckpoints = MAX_CHECKPOINTS,
  ) {}

  /** Output bytes so far. */
  get outputBytes(): number {
    return this.total;
  }

  /** The output of `chunk`, in slices that stay valid (each buffer is filled once). */
  *write(chunk: Uint8Array): Generator<Uint8Array> {
    let at = 0;
    while (at < chunk.length && !this.ended) {
      if (OUT_CHUNK - this.outAt < MIN_ROOM) {
        this.out = new Uint8Array(OUT_CHUNK);
        this.outAt = 0;
      }
      const seeking = !this.candidate && this.total - this.last >= this.span;
      const step = this.gunzip.step(chunk, at, this.out, this.outAt, seeking);
      at += step.used;
      this.consumed += step.used;
      if (step.produced > 0) yield this.emit(this.out.subarray(this.outAt, (this.outAt += step.produced)));
      // A stop with input left is the stream's end, unless it was asked to stop at a block boundary.
      if (step.stopped && seeking && step.used + step.produced > 0) this.trial(chunk.subarray(at));
      else if (step.stopped) this.ended = true;
    }
  }

  /** After the last chunk: throws CORRUPT when the stream was cut short. */
  finish(): GzipCheckpoint[] {
    try {
      if (!this.ended) this.gunzip.finish(this.out.subarray(this.outAt));
    } finally {
      this.close();
    }
    return this.checkpoints;
  }

  /** Frees the engine (finish does; this is for a pass that ends early). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.candidate = undefined;
    this.gunzip.close();
  }

  private emit(bytes: Uint8Array): Uint8Array {
    if (this.candidate) this.compare(this.candidate, bytes);
    this.total += bytes.length;
    this.recent.push(bytes);
    this.recentBytes += bytes.length;
    while (this.recentBytes - (this.recent[0] as Uint8Array).length >= WINDOW)
      this.recentBytes -= (this.recent.shift() as Uint8Array).length;
    return bytes;
  }

  /** At a block boundary: is the next block's first byte here? Try a raw inflate from it. */
  private trial(next: Uint8Array): void {
    const plan = trialPlan(next);
    if (!plan) return;
    const window = this.window();
    let trial: Buffer;
    try {
      trial = inflateRawSync(next.subarray(0, plan.input), {
        dictionary: window,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch {
      return; // not a block start at this byte
    }
    if (trial.length < plan.minOut) return;
    const expected = trial.subarray(0, plan.match);
    this.candidate = { out: this.total, in: this.consumed, window, expected, matched: 0 };
  }

  private compare(c: Candidate, bytes: Uint8Array): void {
    const n = Math.min(bytes.length, c.expected.length - c.matched);
    for (let i = 0; i < n; i++) {
      if (bytes[i] !== c.expected[c.matched + i]) {
        this.candidate = undefined;
        return;
      }
    }
    c.matched += n;
    if (c.matched < c.expected.length) return;
    this.checkpoints.push({ out: c.out, in: c.in, window: c.window });
    this.last = c.out;
    this.candidate = undefined;
    if (this.checkpoints.length >= this.maxCheckpoints) this.thin();
  }

  /** Every other checkpoint dropped (the second, fourth, …), the span doubled. */
  private thin(): void {
    const kept = this.checkpoints.filter((_, i) => i % 2 === 0);
    this.checkpoints.length = 0;
    this.checkpoints.push(...kept);
    this.last = (kept.at(-1) as GzipCheckpoint).out;
    this.span *= 2;
  }

  /** The last up to 32 KiB of output, copied (the output buffers move on). */
  private window(): Uint8Array {
    const n = Math.min(WINDOW, this.total);
    const window = new Uint8Array(n);
    let at = n;
    for (let i = this.recent.length - 1; i >= 0 && at > 0; i--) {
      const slice = this.recent[i] as Uint8Array;
      const take = Math.min(slice.length, at);
      window.set(slice.subarray(slice.length - take), at - take);
      at -= take;
    }
    return window;
  }
}

/** Checkpoints of a whole gzip blob (or stream), for indexing outside the decode pass. */
export async function buildGzipIndex(
  blob: AsyncIterable<Uint8Array>,
  span = DEFAULT_SPAN,
  maxCheckpoints = MAX_CHECKPOINTS,
): Promise<GzipCheckpoint[]> {
  const indexer = new GzipIndexer(span, maxCheckpoints);
  for await (const chunk of blob) for (const _ of indexer.write(chunk)) void _;
  return indexer.finish();
}
