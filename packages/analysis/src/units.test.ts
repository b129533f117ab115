import { describe, expect, it } from 'vitest';
import { evaluateCi } from './ci-rules.js';
import { humanBytes, parseBytes, percent } from './units.js';

describe('sizes as dive prints and reads them', () => {
  it.each([
    [0, '0 B'],
    [9, '9 B'],
    [6405, '6.4 kB'],
    [12810, '13 kB'],
    [32025, '32 kB'],
    [18498, '18 kB'],
    [19500, '20 kB'],
    [1220598, '1.2 MB'],
    [1_000_000_000, '1.0 GB'],
  ])('humanBytes(%d) = %s', (n, text) => expect(humanBytes(n)).toBe(text));

  it.each([
    ['1B', 1],
    ['50kB', 50_000],
    ['20MB', 20_000_000],
    ['2 MiB', 2 * 1024 * 1024],
    ['1,000', 1000],
    ['1.5GB', 1_500_000_000],
  ])('parseBytes(%s) = %d', (text, n) => expect(parseBytes(text)).toBe(n));

  it('rejects what it cannot read', () => {
    expect(parseBytes('lots')).toBeUndefined();
    expect(parseBytes('5 parsecs')).toBeUndefined();
  });

  it('prints a percentage like the UI', () => expect(percent(0.9844212134184309)).toBe('98.44 %'));
});

describe('CI rules', () => {
  const figures = { efficiency: 0.95, wastedBytes: 1000, wastedUserPercent: 0.2 };
  it('fails on the strict side of each threshold', () => {
    const r = evaluateCi(figures, {
      lowestEfficiency: '0.95',
      highestWastedBytes: '1kB',
      highestUserWastedPercent: '0.2',
    });
    expect(r.map((x) => x.status)).toEqual(['PASS', 'PASS', 'PASS']);
    const s = evaluateCi(figures, {
      lowestEfficiency: '0.951',
      highestWastedBytes: '999B',
      highestUserWastedPercent: '0.19',
    });
    expect(s.map((x) => x.status)).toEqual(['FAIL', 'FAIL', 'FAIL']);
  });

  it('uses dive’s defaults and accepts every way to disable', () => {
    expect(evaluateCi(figures, {}).map((x) => x.status)).toEqual(['PASS', 'SKIP', 'FAIL']);
    for (const off of ['', 'disabled', 'off', 'false']) {
      expect(evaluateCi(figures, { highestUserWastedPercent: off })[2]?.status).toBe('SKIP');
    }
  });

  it('passes the user-wasted rule when there are no user bytes', () => {
    expect(evaluateCi({ ...figures, wastedUserPercent: null }, {})[2]?.status).toBe('PASS');
  });
});
