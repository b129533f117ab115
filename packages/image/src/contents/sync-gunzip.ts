/**
 * Node's native gunzip (its bundled zlib) driven one inflate() call at a time, synchronously, so
 * that a call can stop at the next deflate block boundary (zlib's Z_BLOCK flush, zlib.h) and the
 * caller learns exactly how many input bytes it took. Node's streams cannot do this: its stream
 * code treats an inflate() that returns with input left as the end of the stream, and its one-shot
 * sync path closes the engine after one buffer. So this drives the engine's handle the way Node's
 * own processChunkSync does (`_handle.writeSync` with `_writeState` reporting avail_out and
 * avail_in), which is internal API: `SyncGunzip.available()` checks that it is there, and callers
 * do without a seek index when it is not (reads then decode from the start, as without one).
 */
import { constants, createGunzip, type Gunzip } from 'node:zlib';
import { StrataError } from '../errors.js';

interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOff: number,
    inLen: number,
    output: Uint8Array,
    outOff: number,
    outLen: number,
  ): void;
  onerror: (message: string, errno: number, code?: string) => void;
}

interface HandleInternals {
  _handle?: ZlibHandle | null;
  _writeState?: Uint32Array;
}

export interface InflateStep {
  /** Input bytes the call took. */
  used: number;
  /** Output bytes it wrote. */
  produced: number;
  /** It stopped with input and output room left: at a block boundary (Z_BLOCK) or the stream's end. */
  stopped: boolean;
}

const EMPTY = new Uint8Array(0);

export class SyncGunzip {
  private readonly engine: Gunzip;
  private readonly handle: ZlibHandle;
  private readonly state: Uint32Array;
  private error: StrataError | undefined;

  static available(): boolean {
    const probe = createGunzip() as Gunzip & HandleInternals;
    const ok = typeof probe._handle?.writeSync === 'function' && probe._writeState instanceof Uint32Array;
    probe.close();
    return ok;
  }

  constructor() {
    this.engine = createGunzip();
    const internals = this.engine as Gunzip & HandleInternals;
    if (!internals._handle || !internals._writeState)
      throw new StrataError('UNSUPPORTED', "this Node's zlib does not expose its engine");
    this.handle = internals._handle;
    this.state = internals._writeState;
    this.handle.onerror = (message) => {
      this.error = new StrataError('CORRUPT', `corrupt gzip stream: ${message}`);
    };
  }

  /** One inflate() over `input[inOff..]` into `output[outOff..]`; `toBoundary` stops at the next block end. */
  step(
    input: Uint8Array,
    inOff: number,
    output: Uint8Array,
    outOff: number,
    toBoundary: boolean,
  ): InflateStep {
    const inLen = input.length - inOff;
    const outLen = output.length - outOff;
    const flush = toBoundary ? constants.Z_BLOCK : constants.Z_NO_FLUSH;
    this.handle.writeSync(flush, input, inOff, inLen, output, outOff, outLen);
    if (this.error) throw this.error;
    const outLeft = this.state[0] as number;
    const inLeft = this.state[1] as number;
    return { used: inLen - inLeft, produced: outLen - outLeft, stopped: inLeft > 0 && outLeft > 0 };
  }

  /**
   * The end of the input: a stream that has not reached its end is truncated (Z_FINISH makes
   * zlib say so, as Node's gunzip stream does when it ends). Throws CORRUPT then.
   */
  finish(output: Uint8Array): void {
    this.handle.writeSync(constants.Z_FINISH, EMPTY, 0, 0, output, 0, output.length);
    if (this.error) throw this.error;
  }

  close(): void {
    this.engine.close();
  }
}
