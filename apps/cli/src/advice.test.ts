import { describe, expect, it } from 'vitest';
import type { Finding } from '@strata/analysis';
import { formatAdvice, lineDiff } from './advice.js';

const finding: Finding = {
  rule: 'cleanup-later',
  severity: 'high',
  title: 'Files deleted in a later layer are still stored (layers 1–2)',
  explanation: 'why',
  layers: [1, 2],
  instructions: [1, 2],
  files: [{ path: '/a.tgz', bytes: 3_000_000, layer: 1 }],
  fileCount: 1,
  filesBytes: 3_000_000,
  recoverableBytes: 3_000_000,
  fix: { before: 'FROM <base>\nRUN a\nRUN b\n', after: 'FROM <base>\nRUN a \\\n    && b\n' },
};

describe('advice output', () => {
  it('prints one short entry per finding', () => {
    expect(formatAdvice([finding], false).split('\n').slice(0, 3)).toEqual([
      'Advice:',
      '  1. [high] Files deleted in a later layer are still stored (layers 1–2)',
      '     recoverable: 3.0 MB, layers: 1, 2  (cleanup-later)',
    ]);
    expect(formatAdvice([], false)).toBe('Advice:\nNone');
  });

  it('--advice shows the fix as a line diff', () => {
    expect(lineDiff(finding.fix.before, finding.fix.after)).toEqual([
      '  FROM <base>',
      '- RUN a',
      '- RUN b',
      '+ RUN a \\',
      '+     && b',
    ]);
    expect(formatAdvice([finding], true)).toContain('     Fix (- before, + after):');
  });
});
