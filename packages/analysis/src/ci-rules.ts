/**
 * dive's CI gate (dive/ci/rules.go): three rules, each with a threshold that may be disabled.
 * FAIL when threshold > efficiency, when wastedBytes > threshold, when wastedUserPercent > threshold.
 */
import { parseBytes } from './units.js';

export type CiRuleName = 'lowestEfficiency' | 'highestWastedBytes' | 'highestUserWastedPercent';
export type CiStatus = 'PASS' | 'FAIL' | 'SKIP';

export interface CiFigures {
  efficiency: number;
  wastedBytes: number;
  /** null when the image adds no user bytes (0/0). */
  wastedUserPercent: number | null;
}

export interface CiRuleResult {
  rule: CiRuleName;
  status: CiStatus;
  message: string;
}

export type CiConfig = Partial<Record<CiRuleName, string>>;

/** dive's defaults when --ci runs without a config. */
export const DEFAULT_CI_CONFIG: Record<CiRuleName, string> = {
  lowestEfficiency: '0.9',
  highestWastedBytes: 'disabled',
  highestUserWastedPercent: '0.1',
};

const DISABLED = new Set(['', 'disabled', 'off', 'false']);

export class CiConfigError extends Error {}

export function evaluateCi(figures: CiFigures, config: CiConfig): CiRuleResult[] {
  const merged = { ...DEFAULT_CI_CONFIG, ...config };
  return (Object.keys(DEFAULT_CI_CONFIG) as CiRuleName[]).map((rule) =>
    evaluateRule(rule, merged[rule], figures),
  );
}

function evaluateRule(rule: CiRuleName, raw: string, figures: CiFigures): CiRuleResult {
  const value = raw.trim();
  if (DISABLED.has(value.toLowerCase())) return { rule, status: 'SKIP', message: 'rule disabled' };
  const threshold = rule === 'highestWastedBytes' ? parseBytes(value) : parseRatio(value);
  if (threshold === undefined) throw new CiConfigError(`invalid value for ${rule}: '${raw}'`);
  const failure = RULES[rule](figures, threshold);
  return failure ? { rule, status: 'FAIL', message: failure } : { rule, status: 'PASS', message: '' };
}

const RULES: Record<CiRuleName, (f: CiFigures, threshold: number) => string | undefined> = {
  lowestEfficiency: (f, t) =>
    t > f.efficiency
      ? `image efficiency is too low (efficiency=${f.efficiency} < threshold=${t})`
      : undefined,
  highestWastedBytes: (f, t) =>
    f.wastedBytes > t ? `too many bytes wasted (wasted-bytes=${f.wastedBytes} > threshold=${t})` : undefined,
  highestUserWastedPercent: (f, t) =>
    f.wastedUserPercent !== null && f.wastedUserPercent > t
      ? `too many bytes wasted, relative to the user bytes added (%-user-wasted-bytes=${f.wastedUserPercent} > threshold=${t})`
      : undefined,
};

function parseRatio(value: string): number | undefined {
  const n = Number(value);
  return value !== '' && Number.isFinite(n) ? n : undefined;
}
