import { describe, expect, it } from 'vitest';
import { diffLines, foldUnchanged, hasChanges, splitLines, type DiffLine } from './line-diff.js';

const ops = (lines: DiffLine[]) =>
  lines.map((l) => `${{ same: ' ', removed: '-', added: '+' }[l.op]}${l.text}`);

describe('diffLines', () => {
  it('shows a RUN chain merged: removed lines first, then the added ones, numbered on both sides', () => {
    const before = 'FROM x\nRUN a\nRUN b\nCMD c\n';
    const after = 'FROM x\nRUN a \\\n    && b\nCMD c\n';
    const lines = diffLines(before, after);
    expect(ops(lines)).toEqual([' FROM x', '-RUN a', '-RUN b', '+RUN a \\', '+    && b', ' CMD c']);
    expect(lines[0]).toMatchObject({ before: 1, after: 1 });
    expect(lines[1]).toMatchObject({ op: 'removed', before: 2 });
    expect(lines[4]).toMatchObject({ op: 'added', after: 3 });
    expect(lines[5]).toMatchObject({ before: 4, after: 4 });
  });

  it('finds the longest common subsequence in the middle, not just a common head and tail', () => {
    const lines = diffLines('a\nb\nc\nd\ne', 'a\nc\nX\nd\ne');
    expect(ops(lines)).toEqual([' a', '-b', ' c', '+X', ' d', ' e']);
  });

  it('moves a line: one removal and one addition', () => {
    expect(ops(diffLines('RUN mv\nRUN chmod\nRUN rm', 'RUN mv\nRUN rm\nRUN chmod'))).toEqual([
      ' RUN mv',
      '-RUN chmod',
      ' RUN rm',
      '+RUN chmod',
    ]);
  });

  it('handles empty sides and trailing newlines', () => {
    expect(diffLines('', '')).toEqual([]);
    expect(ops(diffLines('', 'a\n'))).toEqual(['+a']);
    expect(ops(diffLines('a\n\n', ''))).toEqual(['-a']);
    expect(hasChanges(diffLines('a\nb\n', 'a\nb'))).toBe(false);
    expect(splitLines('a\n\nb\n')).toEqual(['a', '', 'b']);
  });
});

describe('foldUnchanged', () => {
  it('folds unchanged runs far from any change, keeping context around it', () => {
    const before = Array.from({ length: 20 }, (_, i) => `L${i}`).join('\n');
    const after = before.replace('L10', 'X');
    const chunks = foldUnchanged(diffLines(before, after), 2);
    expect(chunks.map((c) => [c.kind, c.lines.length])).toEqual([
      ['fold', 8],
      ['lines', 6],
      ['fold', 7],
    ]);
    expect(ops(chunks[1]?.lines ?? [])).toEqual([' L8', ' L9', '-L10', '+X', ' L11', ' L12']);
  });

  it('does not fold a run shorter than the minimum', () => {
    const chunks = foldUnchanged(diffLines('a\nb\nc\nd', 'a\nb\nc\nX'), 1, 3);
    expect(chunks.map((c) => c.kind)).toEqual(['lines']);
  });
});
