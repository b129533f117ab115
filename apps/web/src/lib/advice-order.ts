/**
 * The order of the advice panel: by the bytes a fix wins back (what the issue asks for), or
 * by severity for who reads secrets first. Ties keep the engine's order (a stable sort).
 */
import type { Finding, Severity } from '@strata/contract';

export type AdviceSort = 'bytes' | 'severity';

export const SEVERITY_RANK: Record<Severity, number> = { high: 0, medium: 1, low: 2, info: 3 };

export function sortFindings(findings: readonly Finding[], by: AdviceSort = 'bytes'): Finding[] {
  const bytes = (a: Finding, b: Finding) => b.recoverableBytes - a.recoverableBytes;
  const severity = (a: Finding, b: Finding) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity];
  return [...findings].sort((a, b) =>
    by === 'bytes' ? bytes(a, b) || severity(a, b) : severity(a, b) || bytes(a, b),
  );
}

/** Each byte is claimed by one finding only, so the findings' bytes add up. */
export function totalRecoverable(findings: readonly Finding[]): number {
  return findings.reduce((sum, f) => sum + f.recoverableBytes, 0);
}

/** A stable key for a finding: rules can fire more than once (two RUN chains), never on the same layers. */
export function findingKey(f: Finding): string {
  return `${f.rule}:${f.layers.join(',')}:${f.title}`;
}
