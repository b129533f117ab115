import { humanBytes } from '@strata/analysis';
import type { ModelPackage, Row } from '@strata/analysis';
import { memo } from 'react';
import { formatMode, formatOwner } from '../lib/file-mode.js';
import { packageTitle, specOf } from '../lib/package-filter.js';
import { useApp } from '../store/app-store.js';
import { openRow } from './viewer/open-from-tree.js';

export const ROW_HEIGHT = 22;

const STATUS_TEXT: Record<Row['status'], string> = {
  added: 'added',
  modified: 'modified',
  removed: 'removed',
  unmodified: '',
};

/** What a screen reader says for a row: name, kind, change (and where it comes from), size, package. */
export function rowLabel(row: Row, pkg?: ModelPackage): string {
  const kind =
    row.type === 'dir' ? 'folder' : row.type === 'symlink' ? `link to ${row.linkTarget}` : row.type;
  const change =
    row.status === 'unmodified'
      ? 'unchanged'
      : row.rolledUp
        ? `${row.status} (${row.status === 'added' ? 'everything below is new' : 'changes below'})`
        : row.status;
  const owner = pkg ? `, package ${pkg.name} ${pkg.version}` : '';
  return `${row.name}, ${kind}, ${change}, ${humanBytes(row.size)}${owner}`;
}

/** One row, subscribed by index: it re-renders when its own row or the cursor on it changes. */
export const TreeRow = memo(function TreeRow({ index }: { index: number }) {
  const row = useApp((s) => s.tree.window.rows[index - s.tree.window.start]);
  const selected = useApp((s) => s.tree.cursor === index);
  const setCursor = useApp((s) => s.setCursor);
  const toggle = useApp((s) => s.toggleCollapse);
  // The column shows when the image has packages (none found, or contents not read: no column).
  const packages = useApp((s) => (s.packages?.length ? s.packages : undefined));
  const pkg = row && packages?.[row.pkg - 1];
  const style = { top: index * ROW_HEIGHT, height: ROW_HEIGHT };
  if (!row) return <div className="tree-row placeholder" style={style} />;
  return (
    <div
      className={`tree-row st-${row.status}${selected ? ' selected' : ''}${packages ? ' with-pkg' : ''}`}
      style={style}
      role="treeitem"
      id={`tree-row-${index}`}
      aria-label={rowLabel(row, pkg)}
      aria-level={row.depth + 1}
      aria-selected={selected}
      aria-expanded={row.hasChildren ? !row.collapsed : undefined}
      data-path={row.path}
      onClick={() => setCursor(index)}
      onDoubleClick={() => (row.hasChildren ? toggle(index) : openRow(row))}
    >
      <span className="attr mode">{formatMode(row.mode, row.type)}</span>
      <span className="attr owner">{formatOwner(row.uid, row.gid)}</span>
      <span className="attr size">{humanBytes(row.size)}</span>
      <span
        className={`attr status st-${row.status}`}
        data-testid="row-status"
        title={row.rolledUp ? 'from the files below' : undefined}
      >
        {STATUS_TEXT[row.status]}
        {row.rolledUp && row.status !== 'unmodified' ? ' ↓' : ''}
      </span>
      {packages && <PackageCell index={index} pkg={pkg} />}
      <span className="name" style={{ paddingLeft: row.depth * 16 }}>
        {row.hasChildren ? (
          <button
            type="button"
            className="caret"
            tabIndex={-1}
            aria-label={row.collapsed ? 'Expand' : 'Collapse'}
            onClick={(e) => {
              e.stopPropagation();
              toggle(index);
            }}
          >
            {row.collapsed ? '▸' : '▾'}
          </button>
        ) : (
          <span className="caret-space" />
        )}
        <span className="file-name">{row.name}</span>
        {row.linkTarget && <span className="link-target">→ {row.linkTarget}</span>}
      </span>
    </div>
  );
});

/** The owning package; a click shows only its files (the `p` key does it for the cursor's row). */
function PackageCell({ index, pkg }: { index: number; pkg: ModelPackage | undefined }) {
  const setCursor = useApp((s) => s.setCursor);
  const setPackage = useApp((s) => s.setPackage);
  if (!pkg) return <span className="attr pkg" data-testid="row-package" />;
  return (
    <button
      type="button"
      className="attr pkg"
      data-testid="row-package"
      tabIndex={-1}
      title={`${packageTitle(pkg)}: click for its files only`}
      // The keys stay with the tree: the button itself never takes focus.
      onMouseDown={(e) => e.preventDefault()}
      onClick={(e) => {
        e.stopPropagation();
        e.currentTarget.closest<HTMLElement>('.tree-list')?.focus({ preventScroll: true });
        setCursor(index);
        setPackage(specOf(pkg));
      }}
    >
      {pkg.name}
    </button>
  );
}
