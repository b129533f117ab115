import { describe, expect, it } from 'vitest';
import { file } from '../test-entries.js';
import { adviceFor, only } from './test-image.js';

describe('too many layers', () => {
  const steps = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => [`RUN echo ${i} > /s/${i}`, [file(`s/${i}`, i + 1)]] as [string, ReturnType<typeof file>[]],
    );

  it('warns from 100 layers and is high from 120; the fix merges the RUN chain', () => {
    expect(adviceFor(steps(90)).find((f) => f.rule === 'layer-count')).toBeUndefined();
    const f = only(adviceFor(steps(105)), 'layer-count');
    expect(f).toMatchObject({ severity: 'medium', recoverableBytes: 0 });
    expect(f.title).toBe('106 layers: close to the 127-layer limit');
    expect(f.fix.after.match(/^RUN /gm)).toHaveLength(1);
    expect(only(adviceFor(steps(125)), 'layer-count').severity).toBe('high');
  });
});
