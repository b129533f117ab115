import type { Finding } from '@strata/contract';
import { describe, expect, it } from 'vitest';
import { findingKey, sortFindings, totalRecoverable } from './advice-order.js';

const finding = (title: string, severity: Finding['severity'], recoverableBytes: number): Finding => ({
  rule: 'run-chain',
  severity,
  title,
  explanation: '',
  layers: [],
  instructions: [],
  files: [],
  recoverableBytes,
  fix: { before: '', after: '' },
});

const FINDINGS = [
  finding('chain', 'info', 0),
  finding('chmod', 'low', 12810),
  finding('secret', 'high', 120),
  finding('cleanup', 'low', 19215),
  finding('tmp', 'low', 6405),
  finding('other chain', 'info', 0),
];

describe('advice order', () => {
  it('sorts by recoverable bytes, severity breaking ties, else the engine order', () => {
    expect(sortFindings(FINDINGS).map((f) => f.title)).toEqual([
      'cleanup',
      'chmod',
      'tmp',
      'secret',
      'chain',
      'other chain',
    ]);
  });

  it('sorts by severity, bytes breaking ties', () => {
    expect(sortFindings(FINDINGS, 'severity').map((f) => f.title)).toEqual([
      'secret',
      'cleanup',
      'chmod',
      'tmp',
      'chain',
      'other chain',
    ]);
  });

  it('does not reorder its input, adds the bytes up and keys findings apart', () => {
    const copy = [...FINDINGS];
    sortFindings(FINDINGS);
    expect(FINDINGS).toEqual(copy);
    expect(totalRecoverable(FINDINGS)).toBe(12810 + 120 + 19215 + 6405);
    const keys = new Set(FINDINGS.map(findingKey));
    expect(keys.size).toBe(FINDINGS.length);
  });
});
