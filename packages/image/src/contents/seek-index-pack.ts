/**
 * A gzip layer's checkpoints as bytes, to keep with the layer by its digest (and to hand from a
 * decode worker to the main thread): gzip of a small header, one record per checkpoint, then
 * the windows. Windows of text compress a few-fold and of zeros to nearly nothing; gzip level 1,
 * since this runs once per layer in the decode pass.
 *
 *   "SKX1" | count u32 | count × (out f64, in f64, windowLength u32) | windows
 */
import { promisify } from 'node:util';
import { gunzip, gzipSync } from 'node:zlib';
import { StrataError } from '../errors.js';
import { WINDOW, type GzipCheckpoint } from './gzip-index.js';

const MAGIC = 0x31584b53; // "SKX1", little-endian
const HEAD = 8;
const RECORD = 20;
const gunzipAsync = promisify(gunzip);

export function packSeekIndex(checkpoints: readonly GzipCheckpoint[]): Uint8Array {
  const windows = checkpoints.reduce((n, cp) => n + cp.window.length, 0);
  const bytes = new Uint8Array(HEAD + RECORD * checkpoints.length + windows);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, checkpoints.length, true);
  let at = HEAD + RECORD * checkpoints.length;
  for (const [i, cp] of checkpoints.entries()) {
    const r = HEAD + RECORD * i;
    view.setFloat64(r, cp.out, true);
    view.setFloat64(r + 8, cp.in, true);
    view.setUint32(r + 16, cp.window.length, true);
    bytes.set(cp.window, at);
    at += cp.window.length;
  }
  return gzipSync(bytes, { level: 1 });
}

export async function unpackSeekIndex(packed: Uint8Array): Promise<GzipCheckpoint[]> {
  const bytes = await gunzipAsync(packed).catch((err: unknown) => {
    throw new StrataError('CORRUPT', 'a seek index that does not gunzip', { cause: err });
  });
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bad = (): StrataError => new StrataError('CORRUPT', 'a seek index of another format or cut short');
  if (bytes.length < HEAD || view.getUint32(0, true) !== MAGIC) throw bad();
  const count = view.getUint32(4, true);
  let at = HEAD + RECORD * count;
  if (at > bytes.length) throw bad();
  const checkpoints: GzipCheckpoint[] = [];
  for (let i = 0; i < count; i++) {
    const r = HEAD + RECORD * i;
    const length = view.getUint32(r + 16, true);
    if (length > WINDOW || at + length > bytes.length) throw bad();
    const window = bytes.subarray(at, at + length);
    checkpoints.push({ out: view.getFloat64(r, true), in: view.getFloat64(r + 8, true), window });
    at += length;
  }
  return checkpoints;
}
