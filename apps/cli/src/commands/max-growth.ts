/**
 * `strata diff --max-growth BYTES|PCT`: a CI gate on how much B may grow over A. BYTES in dive's
 * units (`20MB`, `50kB`, SI); PCT relative to A's size (`5%`).
 */
import { humanBytes, parseBytes } from '@strata/analysis';
import { UsageError } from '../args.js';

export type GrowthLimit = { bytes: number } | { percent: number };

export function parseGrowthLimit(text: string): GrowthLimit {
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(text.trim());
  if (pct) return { percent: Number(pct[1]) };
  const bytes = parseBytes(text);
  if (bytes === undefined)
    throw new UsageError(`--max-growth: expected bytes (20MB) or a percentage (5%), got '${text}'`);
  return { bytes };
}

export interface GrowthVerdict {
  passed: boolean;
  line: string;
}

export function checkGrowth(limit: GrowthLimit, sizeA: number, delta: number): GrowthVerdict {
  const allowed = 'bytes' in limit ? limit.bytes : (sizeA * limit.percent) / 100;
  const shown =
    'bytes' in limit ? humanBytes(limit.bytes) : `${limit.percent} % (${humanBytes(Math.floor(allowed))})`;
  const grew = `${delta >= 0 ? '+' : '-'}${humanBytes(Math.abs(delta))}`;
  const passed = delta <= allowed;
  return { passed, line: `${passed ? 'PASS' : 'FAIL'}: growth ${grew}, allowed ${shown}` };
}
