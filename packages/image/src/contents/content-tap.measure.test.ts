/**
 * Measurement, not a test (STRATA_MEASURE_TAR=layer.tar): what the content analyzers add to a tar
 * pass (buffering wanted entries, parsing databases, searching text for secrets).
 */
import { createReadStream } from 'node:fs';
import { describe, it } from 'vitest';
import { cleanPath, type EntryType } from '@strata/analysis';
import { TarParser } from '../tar/tar-parser.js';
import { ContentTap } from './content-tap.js';

const tar = process.env.STRATA_MEASURE_TAR ?? '';

async function pass(withTap: boolean): Promise<{ ms: number; findings: number; scanned: number }> {
  const tap = new ContentTap();
  let scanned = 0;
  const parser = new TarParser({
    entry: (h) => {
      if (!withTap) return () => {};
      const sink = tap.start(cleanPath(h.name), (h.type === 'file' ? 'file' : 'other') as EntryType, h.size);
      if (sink) scanned++;
      return sink;
    },
    entryEnd: () => tap.end(),
  });
  const t = performance.now();
  for await (const chunk of createReadStream(tar, { highWaterMark: 1 << 20 })) parser.write(chunk as Buffer);
  return { ms: Math.round(performance.now() - t), findings: tap.findings.length, scanned };
}

describe.runIf(tar)('content analyzers in a tar pass, measured', () => {
  it('with and without the tap', { timeout: 600_000 }, async () => {
    const plain = await pass(false);
    const tapped = await pass(true);
    const again = await pass(false);
    console.log(
      JSON.stringify({
        plainMs: Math.min(plain.ms, again.ms),
        tappedMs: tapped.ms,
        scannedEntries: tapped.scanned,
        findings: tapped.findings,
      }),
    );
  });
});
