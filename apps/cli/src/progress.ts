/**
 * Progress on stderr while layers are read: a live line on a terminal (layers done, bytes read, the layers in flight with their own bytes), one line per finished layer otherwise
 * (CI logs), nothing with --quiet.
 */
import { humanBytes } from '@strata/analysis';
import type { LayerProgress } from '@strata/image';

export function progressReporter(layerCount: () => number, quiet: boolean): (p: LayerProgress) => void {
  if (quiet) return () => {};
  const tty = process.stderr.isTTY === true;
  const layers = new Map<number, LayerProgress>();
  let lastDraw = 0;
  return (p) => {
    layers.set(p.index, p);
    const all = [...layers.values()];
    const finished = all.filter((l) => l.done).length;
    const read = all.reduce((sum, l) => sum + l.bytesDone, 0);
    const head = `reading layers: ${finished}/${layerCount()} done, ${humanBytes(read)} read`;
    if (!tty) {
      if (p.done) process.stderr.write(`${head} (layer ${p.index}: ${humanBytes(p.bytesTotal)})\n`);
      return;
    }
    const now = Date.now();
    if (!p.done && now - lastDraw < 100) return;
    lastDraw = now;
    const inFlight = all.filter((l) => !l.done).map((l) => `#${l.index} ${percentOf(l)}`);
    const line = inFlight.length ? `${head} | ${inFlight.join(' ')}` : head;
    process.stderr.write(`\r\x1b[K${line}${finished === layerCount() ? '\n' : ''}`);
  };
}

function percentOf(l: LayerProgress): string {
  return l.bytesTotal > 0 ? `${Math.floor((l.bytesDone / l.bytesTotal) * 100)}%` : '…';
}
