/**
 * Two analyses compared (`/?compare=A,B`, from `GET /api/compare`): sizes, their layers side by
 * side with the shared bottom aligned, and a tree of what differs in the final file systems,
 * coloured like the layer tree (added, removed, modified) with the size change per directory.
 */
import { humanBytes } from '@strata/analysis';
import type { CompareResponse } from '@strata/contract';
import { useEffect, useMemo, useState } from 'react';
import { fetchCompare } from '../../api/sets.js';
import { alignLayers, buildDiffTree, type DiffRow } from '../../lib/diff-tree.js';
import { AnalysisChooser } from './AnalysisChooser.js';
import { SetPageFrame } from './SetPageFrame.js';

export function ComparePage({ ids }: { ids: string[] }) {
  const [a, b] = ids;
  if (!a || !b) {
    return (
      <SetPageFrame title="Compare two images">
        <AnalysisChooser kind="compare" />
      </SetPageFrame>
    );
  }
  return (
    <SetPageFrame title="Compare two images">
      <Comparison a={a} b={b} />
    </SetPageFrame>
  );
}

function Comparison({ a, b }: { a: string; b: string }) {
  const [diff, setDiff] = useState<CompareResponse | undefined>();
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    fetchCompare(a, b).then(setDiff, (e: Error) => setError(e.message));
  }, [a, b]);
  if (error) return <p role="alert">{error}</p>;
  if (!diff) return <p className="muted">Comparing…</p>;
  return (
    <>
      <CompareSummary diff={diff} />
      <LayerAlignment diff={diff} />
      <DiffTree files={diff.files} />
    </>
  );
}

function CompareSummary({ diff }: { diff: CompareResponse }) {
  const { added, removed, changed } = diff.files;
  return (
    <section className="compare-summary" aria-label="Summary">
      <p>
        <b>A</b> {diff.names[0]} <span className="muted">{diff.a.source}</span> ·{' '}
        {humanBytes(diff.a.sizeBytes)}
        <br />
        <b>B</b> {diff.names[1]} <span className="muted">{diff.b.source}</span> ·{' '}
        {humanBytes(diff.b.sizeBytes)}
      </p>
      <p
        data-testid="size-delta"
        className={diff.sizeDeltaBytes > 0 ? 'st-added' : diff.sizeDeltaBytes < 0 ? 'st-removed' : ''}
      >
        {signed(diff.sizeDeltaBytes)}
      </p>
      <p data-testid="file-counts">
        {added.length} added · {removed.length} removed · {changed.length} changed ·{' '}
        {diff.sharedLayers.length} layers shared
      </p>
    </section>
  );
}

function LayerAlignment({ diff }: { diff: CompareResponse }) {
  const rows = alignLayers(diff.layersA, diff.layersB);
  return (
    <section aria-label="Layers">
      <h2>Layers</h2>
      <table className="recent-table layer-alignment">
        <thead>
          <tr>
            <th>A</th>
            <th className="num">Size</th>
            <th>B</th>
            <th className="num">Size</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr
              key={i}
              className={r.shared ? 'shared-layer' : ''}
              data-testid={r.shared ? 'shared-row' : 'own-row'}
            >
              <td title={r.a?.diffId}>{r.a ? short(r.a.command) : ''}</td>
              <td className="num">{r.a ? humanBytes(r.a.sizeBytes) : ''}</td>
              <td title={r.b?.diffId}>
                {r.shared ? <span className="muted">same layer</span> : r.b ? short(r.b.command) : ''}
              </td>
              <td className="num">{r.b ? humanBytes(r.b.sizeBytes) : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DiffTree({ files }: { files: CompareResponse['files'] }) {
  const rows = useMemo(() => buildDiffTree(files), [files]);
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const visible = rows.filter((r) => ![...collapsed].some((c) => r.path.startsWith(`${c}/`)));
  return (
    <section aria-label="What differs">
      <h2>What differs in the final file system</h2>
      {rows.length === 0 && <p className="muted">The two file systems are the same.</p>}
      <div role="tree" className="diff-tree">
        {visible.map((r) => (
          <DiffTreeRow
            key={r.path}
            row={r}
            collapsed={collapsed.has(r.path)}
            onToggle={() =>
              setCollapsed((c) => {
                const next = new Set(c);
                if (!next.delete(r.path)) next.add(r.path);
                return next;
              })
            }
          />
        ))}
      </div>
    </section>
  );
}

function DiffTreeRow({
  row,
  collapsed,
  onToggle,
}: {
  row: DiffRow;
  collapsed: boolean;
  onToggle: () => void;
}) {
  return (
    <div
      role="treeitem"
      aria-level={row.depth + 1}
      aria-expanded={row.dir ? !collapsed : undefined}
      className={`tree-row diff-row st-${row.status}`}
      data-path={row.path}
    >
      <span className="attr size">{signed(row.deltaBytes)}</span>
      <span className="name" style={{ paddingLeft: row.depth * 16 }}>
        {row.dir ? (
          <button
            type="button"
            className="caret"
            aria-label={collapsed ? 'Expand' : 'Collapse'}
            onClick={onToggle}
          >
            {collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="caret-space" />
        )}
        <span className="file-name">{row.name}</span>
        {row.dir && <span className="muted count">{`${row.count} changed`}</span>}
      </span>
    </div>
  );
}

function signed(bytes: number): string {
  return bytes === 0 ? '±0 B' : `${bytes > 0 ? '+' : '−'}${humanBytes(Math.abs(bytes))}`;
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}
