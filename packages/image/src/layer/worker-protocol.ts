/**
 * Messages between the main thread and a layer-decoding worker. The main thread only reads
 * blob bytes and forwards them; decompression, hashing and tar parsing (most of the CPU) run in
 * the worker, so two layers use both cores and the main thread stays free (server, progress).
 * Flow control is by credit: the worker acknowledges each chunk once its pipeline takes it.
 */
import type { ErrorCode } from '../errors.js';
import type { DecodeOptions } from './decode-layer.js';

export type ToWorker =
  | { type: 'start'; mediaType: string; limits: DecodeOptions['limits'] }
  | { type: 'chunk'; data: Uint8Array }
  | { type: 'end' }
  | { type: 'abort'; reason: string };

export type FromWorker =
  | { type: 'ack' }
  /** The layer index, packed (packLayerIndex), its buffer transferred rather than copied. */
  | { type: 'done'; index: Uint8Array; seekIndex?: Uint8Array }
  | { type: 'error'; code: ErrorCode; message: string };

/** Chunks in flight before the main thread waits for an acknowledgement. */
export const CREDITS = 4;
