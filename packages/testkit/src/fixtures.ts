/**
 * The public dive fixtures (shared/fixtures/dive, beside the clone) and the figures dive reports
 * for them, read from EXPECTED.md itself so tests compare against the document, not a copy.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/** Repository root (this file is packages/testkit/src/fixtures.ts). */
export const repoRoot = resolve(here, '../../..');

export function sharedDir(): string {
  return process.env.STRATA_SHARED_DIR ?? resolve(repoRoot, '../shared');
}

export function diveFixture(name: string): string {
  return join(sharedDir(), 'fixtures/dive', name);
}

export interface ExpectedFigures {
  fixture: string;
  layers: number;
  files: number;
  sizeBytes: number;
  userSizeBytes: number;
  wastedBytes: number;
  /** null where EXPECTED.md says n/a (0/0). */
  wastedUserPercent: number | null;
  efficiency: number;
}

function expectedText(): string {
  return readFileSync(diveFixture('EXPECTED.md'), 'utf8');
}

/** Rows of the first table: `| fixture | format | layers | files | sizeBytes | ... |`. */
export function expectedFigures(): ExpectedFigures[] {
  return tableRows(expectedText(), '| fixture | format |').map((cells) => ({
    fixture: cells[0] as string,
    layers: Number(cells[2]),
    files: Number(cells[3]),
    sizeBytes: Number(cells[4]),
    userSizeBytes: Number(cells[5]),
    wastedBytes: Number(cells[6]),
    wastedUserPercent: /^[0-9.]+$/.test(cells[7] as string) ? Number(cells[7]) : null,
    efficiency: Number(cells[8]),
  }));
}

/** Inefficient files per fixture, in dive's order: `{ 'test-docker-image': [{count, bytes, path}] }`. */
export function expectedInefficientFiles(): Record<
  string,
  Array<{ count: number; bytes: number; path: string }>
> {
  const out: Record<string, Array<{ count: number; bytes: number; path: string }>> = {};
  let current = '';
  for (const cells of tableRows(expectedText(), '| fixture | count | bytes | path |')) {
    if (cells[0]) current = (cells[0] as string).replace(/\s*\(.\)$/, '');
    (out[current] ??= []).push({
      count: Number(cells[1]),
      bytes: Number(cells[2]),
      path: cells[3] as string,
    });
  }
  return out;
}

/** test-docker-image's layer table: index, sizeBytes, command. */
export function expectedDockerLayers(): Array<{ index: number; sizeBytes: number; command: string }> {
  return tableRows(expectedText(), '| idx | sizeBytes | command').map((cells) => ({
    index: Number(cells[0]),
    sizeBytes: Number(cells[1]),
    command: (cells[2] as string).replace(/^`|`$/g, ''),
  }));
}

/** The CI rule cases: thresholds and dive's results. */
export function expectedCiCases(): Array<{ thresholds: string[]; result: string }> {
  return tableRows(expectedText(), '| lowestEfficiency, highestWastedBytes').map((cells) => ({
    thresholds: (cells[0] as string).split(',').map((s) => s.trim()),
    result: cells[1] as string,
  }));
}

function tableRows(text: string, headerStart: string): string[][] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(headerStart));
  if (start < 0) throw new Error(`EXPECTED.md has no table starting ${headerStart}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, line.lastIndexOf('|'))
        .split(' | ')
        .map((c) => c.trim()),
    );
  }
  return rows;
}
