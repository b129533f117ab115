import { useMemo, useState } from 'react';
import { diffLines, foldUnchanged, hasChanges, type DiffLine } from '../../lib/line-diff.js';

const MARK = { same: ' ', removed: '−', added: '+' } as const;

/** The Dockerfile before and after a fix as a unified line diff; far unchanged runs fold. */
export function DockerfileDiff({ before, after }: { before: string; after: string }) {
  const lines = useMemo(() => diffLines(before, after), [before, after]);
  const chunks = useMemo(() => foldUnchanged(lines), [lines]);
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  if (!hasChanges(lines)) return <p className="muted small">The fix does not change the Dockerfile.</p>;
  const removed = lines.filter((l) => l.op === 'removed').length;
  const added = lines.length - removed - lines.filter((l) => l.op === 'same').length;
  return (
    <figure className="dockerfile-diff" aria-label="Dockerfile diff">
      <figcaption className="small muted">
        Dockerfile, before → after <span className="diff-removed-count">−{removed}</span>{' '}
        <span className="diff-added-count">+{added}</span>
      </figcaption>
      <div className="diff-lines" role="table">
        {chunks.map((chunk, i) =>
          chunk.kind === 'fold' && !opened.has(i) ? (
            <button
              type="button"
              key={i}
              className="diff-fold"
              onClick={() => setOpened(new Set(opened).add(i))}
            >
              ⋯ {chunk.lines.length} unchanged lines
            </button>
          ) : (
            chunk.lines.map((line, k) => <Line key={`${i}:${k}`} line={line} />)
          ),
        )}
      </div>
    </figure>
  );
}

function Line({ line }: { line: DiffLine }) {
  return (
    <div className={`diff-line diff-${line.op}`} role="row" data-op={line.op}>
      <span className="diff-no" role="cell">
        {line.before ?? ''}
      </span>
      <span className="diff-no" role="cell">
        {line.after ?? ''}
      </span>
      <span className="diff-mark" role="cell" aria-hidden="true">
        {MARK[line.op]}
      </span>
      <code className="diff-text" role="cell">
        {line.text || ' '}
      </code>
    </div>
  );
}
