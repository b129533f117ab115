import { useMemo } from 'react';
import { diffLines } from '../../lib/line-diff.js';

const MAX_LINES = 20_000;

/** The file against the version in the layer below, line by line. */
export function DiffView({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const changed = lines.filter((l) => l.op !== 'same').length;
  return (
    <div data-testid="viewer-diff">
      <p className="muted small">
        {changed === 0
          ? 'The content is the same as in the layer below (mode, owner or links changed).'
          : `${changed} lines changed`}
      </p>
      <pre className="viewer-diff">
        {lines.slice(0, MAX_LINES).map((l, i) => (
          <div key={i} className={`diff-${l.op}`}>
            <span className="diff-mark">{l.op === 'added' ? '+' : l.op === 'removed' ? '-' : ' '}</span>
            {l.text}
          </div>
        ))}
      </pre>
    </div>
  );
}
