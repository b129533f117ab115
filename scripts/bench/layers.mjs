// The native baseline: each layer blob of an oci-archive through `gzip -dc | tar -tv`, serially.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run, timed } from './measure.mjs';

/** Extracts the layer blobs of an oci-archive into `dir` (not timed) and lists them in order. */
export async function extractLayers(archive, dir) {
  await run('tar', ['-xf', archive, '-C', dir]);
  const blob = (digest) => join(dir, 'blobs', ...digest.split(':'));
  const index = JSON.parse(await readFile(join(dir, 'index.json'), 'utf8'));
  const manifest = JSON.parse(await readFile(blob(index.manifests[0].digest), 'utf8'));
  return manifest.layers.map((l) => ({ path: blob(l.digest), mediaType: l.mediaType, size: l.size }));
}

const decompressor = (mediaType) =>
  /zstd/.test(mediaType) ? 'zstd -dc' : /gzip/.test(mediaType) ? 'gzip -dc' : 'cat';
const pipeline = (layer, tarArgs) => [
  '-c',
  `set -o pipefail; ${decompressor(layer.mediaType)} "$1" | tar ${tarArgs}`,
  '_',
  layer.path,
];

/** Untimed pass that also warms the page cache: entry count and uncompressed bytes. */
export async function countEntries(layers) {
  let entries = 0;
  let bytes = 0;
  for (const layer of layers) {
    const out = await run('bash', pipeline(layer, `-tv | awk '{n++; s+=$3} END {print n+0, s+0}'`));
    const [n, s] = out.trim().split(' ').map(Number);
    entries += n;
    bytes += s;
  }
  return { entries, bytes };
}

/** One timed baseline: every layer, one after another, listed verbosely to /dev/null. */
export const baselineOnce = (layers) =>
  timed(async () => {
    for (const layer of layers) await run('bash', pipeline(layer, '-tv > /dev/null'));
  });
