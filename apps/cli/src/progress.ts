/**
 * Progress on stderr while layers are read: a live line on a terminal, one line per finished
 * layer otherwise (CI logs), nothing with --quiet.
 */
import { humanBytes } from '@strata/analysis';
import type { LayerProgress } from '@strata/image';

export function progressReporter(layerCount: () => number, quiet: boolean): (p: LayerProgress) => void {
  if (quiet) return () => {};
  const tty = process.stderr.isTTY === true;
  const done = new Map<number, number>();
  let finished = 0;
  let lastDraw = 0;
  return (p) => {
    done.set(p.index, p.bytesDone);
    if (p.done) finished++;
    const bytes = [...done.values()].reduce((a, b) => a + b, 0);
    const line = `reading layers: ${finished}/${layerCount()} done, ${humanBytes(bytes)} read`;
    if (!tty) {
      if (p.done) process.stderr.write(`${line}\n`);
      return;
    }
    const now = Date.now();
    if (!p.done && now - lastDraw < 100) return;
    lastDraw = now;
    process.stderr.write(`\r\x1b[K${line}${finished === layerCount() ? '\n' : ''}`);
  };
}
